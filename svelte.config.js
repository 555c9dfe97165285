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
		output: { bundleStrategy: 'split' },
		// The page's own inline start-up script by its hash, nothing else inline: a script injected into a
		// page (a stored name rendered as HTML somewhere) does not run. PocketBase adds the rest of the
		// policy as a header, with the video server's ports it knows at run time (pb_hooks/csp.pb.js).
		csp: { mode: 'hash', directives: { 'script-src': ['self', 'wasm-unsafe-eval'] } }
	}
};

export default config;
