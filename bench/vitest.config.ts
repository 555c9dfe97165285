import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

// Benchmarks run the real app code (sync engine, repositories) with a real PocketBase and Chromium.
// They print a table and assert nothing about speed.
export default defineConfig({
	plugins: [sveltekit()],
	test: {
		root: '.',
		include: ['bench/**/*.bench-run.ts'],
		// One benchmark at a time: two in parallel on two cores measure each other.
		fileParallelism: false,
		environment: 'node',
		testTimeout: 600_000,
		hookTimeout: 120_000,
		reporters: ['default']
	}
});
