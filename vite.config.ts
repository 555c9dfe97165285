import { sveltekit } from '@sveltejs/kit/vite';
import { createHash } from 'node:crypto';
import { copyFileSync, createReadStream, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { OCR_ENGINES, OCR_MANIFEST_URL, OCR_SOURCES, type OcrManifest } from './app/lib/scan/ocr-files';

/**
 * The OCR engines' workers, wasm, models and language data, served from the app's own origin: copied
 * from their npm packages into the build (and served from node_modules by the dev server), never
 * committed, never fetched from a CDN. Written straight to disk so that Vite does not list them for the
 * app shell's precache.
 */
function ocrAssets(): Plugin {
	const source = (file: string) => join('node_modules', file);
	let manifest: OcrManifest | undefined;
	const buildManifest = (): OcrManifest => {
		manifest ??= Object.fromEntries(
			OCR_ENGINES.map((engine) => {
				const files = Object.entries(OCR_SOURCES[engine]);
				const hash = createHash('sha256');
				for (const [, file] of files) hash.update(readFileSync(source(file)));
				const revision = hash.digest('hex').slice(0, 12);
				return [
					engine,
					{
						revision,
						urls: Object.fromEntries(files.map(([name]) => [name, `/ocr/${engine}-${revision}/${name}`])),
						bytes: Object.fromEntries(files.map(([name, file]) => [name, statSync(source(file)).size]))
					}
				];
			})
		) as OcrManifest;
		return manifest;
	};
	const sourceOf = (url: string) => {
		for (const engine of OCR_ENGINES) {
			const files = buildManifest()[engine].urls;
			const name = Object.keys(files).find((candidate) => files[candidate] === url);
			if (name) return source(OCR_SOURCES[engine][name]!);
		}
	};
	return {
		name: 'mingchu-ocr-assets',
		configureServer(server) {
			server.middlewares.use((request, response, next) => {
				const url = request.url?.split('?')[0] ?? '';
				if (url === OCR_MANIFEST_URL) {
					response.setHeader('content-type', 'application/json');
					response.end(JSON.stringify(buildManifest()));
					return;
				}
				const file = url.startsWith('/ocr/') ? sourceOf(url) : undefined;
				if (!file) return next();
				if (file.endsWith('.wasm')) response.setHeader('content-type', 'application/wasm');
				createReadStream(file).pipe(response);
			});
		},
		writeBundle(options) {
			// Only the client build: the server build of the same run has no use for them.
			if (this.environment?.name !== 'client' || !options.dir) return;
			const out = options.dir;
			const written = buildManifest();
			for (const engine of OCR_ENGINES) {
				for (const [name, url] of Object.entries(written[engine].urls)) {
					const target = join(out, url);
					mkdirSync(dirname(target), { recursive: true });
					copyFileSync(source(OCR_SOURCES[engine][name]!), target);
				}
			}
			writeFileSync(join(out, OCR_MANIFEST_URL), JSON.stringify(written));
		}
	};
}

/**
 * onnxruntime-web names its wasm as `new URL('ort-wasm-simd-threaded.wasm', import.meta.url)`, which
 * makes Vite emit a second 13.6 MB copy next to the worker. The worker sets `wasmPaths` to the kiosk's
 * OCR cache and never asks for that copy, so the reference is left to the browser instead of Vite.
 */
function ortWasmOutsideBundle(): Plugin {
	const reference = /new URL\(("ort-wasm-simd-threaded\.wasm"),\s*import\.meta\.url\)/g;
	return {
		name: 'mingchu-ort-wasm-outside-bundle',
		transform(code, id) {
			if (!id.includes('onnxruntime-web') || !code.includes('ort-wasm-simd-threaded.wasm')) return;
			return { code: code.replace(reference, 'new URL($1, self.location.href)'), map: null };
		}
	};
}

/** Modules only the administration (the inspector's read-only page and the province's page too) loads. */
const ADMIN_ONLY =
	/[\\/]app[\\/](routes[\\/](admin|inspect|province)[\\/]|lib[\\/](components[\\/](admin|oversight|menu|group-meals|province)[\\/]|components[\\/]video[\\/](EdgeBoxes|UplinkBudget)\.|state[\\/](admin|oversight|ledger-browser|monthly|inspections|event-devices|webhooks|menu|group-meals|public-admin|video-admin|province)|pb[\\/](oversight-api|ledger-browser-api|province-api)|export[\\/]))/;

const ROUTE_NODE = /[\\/]generated[\\/]client(-optimized)?[\\/]nodes[\\/]/;

/** The public page's forms: loaded when a parent scrolls towards them. */
const PUBLIC_FORMS = /[\\/]app[\\/]lib[\\/]components[\\/]public[\\/](PublicFeedback|RatingForm|ComplaintForm|ComplaintReplies)\./;

/** The live player: loaded by the public page only when a parent taps play (or scrolls a camera into view). */
const VIDEO = /[\\/]app[\\/]lib[\\/](media[\\/]player\.|components[\\/]video[\\/]CameraView)/;

/**
 * What every page needs, the public page behind the QR code included: the framework, the public page's
 * messages and its API calls (fetch, not the PocketBase SDK). A parent's phone loads this and the public
 * page's chunk, never the kiosk's (bench/public checks the total: a module the public page imports that
 * is not listed here or below lands in the kiosk's chunk and shows there as ~120 KiB more).
 */
const BASE = new RegExp(
	[
		String.raw`[\\/]node_modules[\\/](svelte|@sveltejs[\\/]kit|esm-env|devalue|svelte-i18n|intl-messageformat|@formatjs|deepmerge|tslib|clsx)[\\/]`,
		String.raw`[\\/]\.svelte-kit[\\/]generated[\\/](root|client(-optimized)?[\\/](app|matchers))`,
		String.raw`[\\/]app[\\/](hooks\.client|routes[\\/]\+layout|lib[\\/](i18n[\\/](index|zh-CN\.public)\.|lazy[\\/]|scripts\.|pb[\\/](problems|public-api)\.|components[\\/]common[\\/]LanguageSwitch|public-paths\.|media[\\/]endpoints\.|styles\.css))`
	].join('|')
);

/**
 * The public page and the embed themselves (base + these ≈ 60 KiB gzipped, bench/public); the kiosk
 * does not load them, nor the dining-room display's own parts (DISPLAY).
 */
const PUBLIC_PAGE = /[\\/]app[\\/](routes[\\/](p|embed)[\\/]|lib[\\/](components[\\/]public[\\/](?!DisplayPanels|CanteenBoard|PublicFeedback|RatingForm|ComplaintForm|ComplaintReplies)|state[\\/]public-canteen|domain[\\/]public-face\.))/;

const DISPLAY = /[\\/]app[\\/](routes[\\/]display[\\/]|lib[\\/]components[\\/]public[\\/](DisplayPanels|CanteenBoard)\.)/;

export default defineConfig({
	plugins: [sveltekit(), ocrAssets()],
	build: {
		target: 'es2022',
		// Two chunks besides the entry: the kiosk (everything a tablet runs, loaded at once, so an offline
		// reload does not wait on a waterfall of small files through the service worker) and the
		// administration (loaded only on its pages). The groups are matched by path.
		rolldownOptions: {
			output: {
				codeSplitting: {
					groups: [
						// First the kiosk's chunk, with everything the administration does not own; then the
						// administration's own modules, whatever is left.
						// (The route nodes SvelteKit generates stay files of their own: a group takes what its
						// modules import, and an administration page's node would bring its page along.)
						// A group takes along what its modules import unless a group of higher priority claims it:
						// the player before the display (whose board shows cameras), the public page before both.
						{ name: 'base', test: (id: string) => BASE.test(id) && !ROUTE_NODE.test(id), priority: 30 },
						{ name: 'video', test: VIDEO, priority: 29 },
						{ name: 'public', test: (id: string) => PUBLIC_PAGE.test(id) && !ROUTE_NODE.test(id), priority: 28 },
						{ name: 'display', test: (id: string) => DISPLAY.test(id) && !ROUTE_NODE.test(id), priority: 27 },
						{ name: 'public-forms', test: PUBLIC_FORMS, priority: 26 },
						{ name: 'kiosk', test: (id: string) => !ADMIN_ONLY.test(id) && !ROUTE_NODE.test(id), priority: 20 },
						{ name: 'admin', test: ADMIN_ONLY, priority: 10 }
					]
				}
			}
		}
	},
	resolve: {
		// zxing-cpp's self-contained script, loaded by URL when a photo is first read (app/lib/scan/codes.ts);
		// the package's exports name only its module build, which the one-bundle build would inline.
		alias: [{ find: /^zxing-wasm\/reader-script(?=\?|$)/, replacement: fileURLToPath(new URL('node_modules/zxing-wasm/dist/iife/reader/index.js', import.meta.url)) }]
	},
	// The OCR worker imports its engines as modules.
	worker: { format: 'es', plugins: () => [ortWasmOutsideBundle()] },
	test: {
		projects: [
			{
				extends: true,
				test: { name: 'unit', include: ['app/**/*.test.ts', 'tests/fixtures/**/*.test.ts'], environment: 'node', sequence: { groupOrder: 0 } }
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
