// Keeps the OCR engines' files on the kiosk (Cache Storage), so that reading a ticket works with the
// network pulled. The service worker answers /ocr/ requests from this cache first.
import { OCR_ENGINES, OCR_MANIFEST_URL, type OcrEngine, type OcrManifest } from './ocr-files';

export const OCR_CACHE = 'mingchu-ocr';

/** The build's manifest: from the server when it answers, else the copy kept with the files. */
export async function loadOcrManifest(): Promise<OcrManifest | null> {
	const cache = await caches.open(OCR_CACHE);
	try {
		const response = await fetch(OCR_MANIFEST_URL, { cache: 'no-store' });
		if (response.ok) {
			await cache.put(OCR_MANIFEST_URL, response.clone());
			return (await response.json()) as OcrManifest;
		}
	} catch {
		// Offline: the kept copy below.
	}
	const kept = await cache.match(OCR_MANIFEST_URL);
	return kept ? ((await kept.json()) as OcrManifest) : null;
}

/** The engines whose every file is on the kiosk. */
export async function cachedEngines(manifest: OcrManifest): Promise<OcrEngine[]> {
	const cache = await caches.open(OCR_CACHE);
	const kept = new Set((await cache.keys()).map((request) => new URL(request.url).pathname));
	return OCR_ENGINES.filter((engine) => Object.values(manifest[engine].urls).every((url) => kept.has(url)));
}

/**
 * Downloads the engine's missing files into the cache, reporting bytes as they arrive; removes files of
 * older builds. A file is stored only once complete, so an interrupted download resumes file by file.
 */
export async function cacheEngine(manifest: OcrManifest, engine: OcrEngine, onBytes: (loaded: number, total: number) => void): Promise<void> {
	const cache = await caches.open(OCR_CACHE);
	const wanted = new Set([OCR_MANIFEST_URL, ...OCR_ENGINES.flatMap((name) => Object.values(manifest[name].urls))]);
	for (const request of await cache.keys()) {
		if (!wanted.has(new URL(request.url).pathname)) await cache.delete(request);
	}
	const files = manifest[engine];
	const total = Object.values(files.bytes).reduce((sum, bytes) => sum + bytes, 0);
	let loaded = 0;
	for (const [name, url] of Object.entries(files.urls)) {
		if (await cache.match(url)) {
			loaded += files.bytes[name] ?? 0;
			onBytes(loaded, total);
			continue;
		}
		const response = await fetch(url);
		if (!response.ok || !response.body) throw new Error(`${url}: HTTP ${response.status}`);
		const chunks: Uint8Array[] = [];
		const reader = response.body.getReader();
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			chunks.push(value);
			loaded += value.byteLength;
			onBytes(loaded, total);
		}
		await cache.put(url, new Response(new Blob(chunks as BlobPart[]), { headers: { 'content-type': response.headers.get('content-type') ?? 'application/octet-stream' } }));
	}
}
