import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// The design card names the source folder app/. Setting `src` (not each path) keeps svelte-check
		// looking at every file under it.
		files: { src: 'app' },
		// A single-page app: PocketBase serves build/ and falls back to index.html for unknown paths.
		adapter: adapter({ fallback: 'index.html', strict: true }),
		// Registered by app/hooks.client.ts so that tests can wait for it to take control.
		serviceWorker: { register: false },
		version: { pollInterval: 0 },
		// One script and one stylesheet: every request on an offline reload goes through the service
		// worker, and a waterfall of small chunks cost more than the few KiB of admin code it saves.
		output: { bundleStrategy: 'single' }
	}
};

export default config;
