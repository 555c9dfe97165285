/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/// <reference types="@sveltejs/kit" />
// Precache the whole build so that the kiosk opens offline; no app logic lives here.
import { build, files, version } from '$service-worker';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { OCR_CACHE } from '$lib/scan/ocr-cache';

declare const self: ServiceWorkerGlobalScope;

const FALLBACK = '/index.html';
const ADMIN_ONLINE_ONLY = /\/(trends|spreadsheet)\.lazy-[^/]*\.js$/;

precacheAndRoute([
	// The OCR engines' files (≈ 36 MB) are cached apart, after enrolment: see below.
	// zxing-cpp's wasm (1 MB) stays: every photo of a ticket is read for codes first, offline too.
	// The administration's charts and XLSX writer (0.6 MB) are used online only: not on every tablet.
	...build
		.filter((url) => !url.startsWith('/ocr/') && (!url.endsWith('.wasm') || url.includes('zxing_reader')) && !ADMIN_ONLINE_ONLY.test(url))
		.map((url) => ({ url, revision: null })),
	...files.map((url) => ({ url, revision: version })),
	// adapter-static writes the SPA fallback page after the service worker is built, so `build` does
	// not list it.
	{ url: FALLBACK, revision: version }
]);
cleanupOutdatedCaches();

// Every page of the app is the same fallback document; the API and the PocketBase dashboard are not.
registerRoute(new NavigationRoute(createHandlerBoundToURL(FALLBACK), { denylist: [/^\/api\//, /^\/_\//] }));

// OCR files: from the kiosk's OCR cache first (they never change under the same URL), else the network.
registerRoute(
	({ url }) => url.origin === self.location.origin && url.pathname.startsWith('/ocr/'),
	async ({ request }) => (await (await caches.open(OCR_CACHE)).match(request)) ?? fetch(request)
);

self.addEventListener('install', () => {
	void self.skipWaiting();
});
self.addEventListener('activate', (event) => {
	event.waitUntil(self.clients.claim());
});
