import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	build: { target: 'es2022' },
	test: {
		projects: [
			{
				extends: true,
				test: { name: 'unit', include: ['app/**/*.test.ts'], environment: 'node', sequence: { groupOrder: 0 } }
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					sequence: { groupOrder: 1 },
					// Each file starts its own PocketBase; two at a time is what two cores allow.
					maxWorkers: 2,
					testTimeout: 60_000,
					hookTimeout: 120_000
				}
			}
		]
	}
});
