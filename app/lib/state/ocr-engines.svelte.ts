// Which OCR engines the kiosk can run, and their download after enrolment (shown to the cook).
import { cacheEngine, cachedEngines, loadOcrManifest } from '$lib/scan/ocr-cache';
import type { OcrEngine, OcrEngineFiles, OcrManifest } from '$lib/scan/ocr-files';

/** PP-OCR needs ≈ 300 MB while it reads; below this (navigator.deviceMemory, GiB) the light engine reads. */
const PADDLE_MIN_MEMORY_GIB = 4;

export class OcrEngines {
	manifest = $state.raw<OcrManifest | null>(null);
	cached = $state.raw<OcrEngine[]>([]);
	/** The download under way, in bytes. */
	downloading = $state.raw<{ engine: OcrEngine; loaded: number; total: number } | null>(null);
	failed = $state(false);
	/** The cook may choose the light engine, e.g. when the accurate one is too slow on an old tablet. */
	chosen = $state<OcrEngine | null>(null);

	#download: Promise<void> | undefined;
	#known: Promise<void> | undefined;

	/** Reads which engines are on the kiosk (no download). */
	ready(): Promise<void> {
		this.#known ??= (async () => {
			this.manifest = await loadOcrManifest();
			if (this.manifest) this.cached = await cachedEngines(this.manifest);
		})().catch(() => {
			this.#known = undefined;
		});
		return this.#known;
	}

	/** Light first (2 MB + 4 MB, reads within a minute of enrolment), then the accurate one (≈ 30 MB). */
	download(): Promise<void> {
		this.#download ??= (async () => {
			try {
				this.failed = false;
				await this.ready();
				const manifest = this.manifest;
				if (!manifest) throw new Error('no OCR manifest');
				for (const engine of ['tesseract', 'paddle'] as const) {
					if (this.cached.includes(engine)) continue;
					await cacheEngine(manifest, engine, (loaded, total) => (this.downloading = { engine, loaded, total }));
					this.cached = [...this.cached, engine];
				}
			} catch {
				this.failed = true;
			} finally {
				this.downloading = null;
				this.#download = undefined;
			}
		})();
		return this.#download;
	}

	/** What will read the next ticket: the cook's choice, else the accurate engine where it can run. */
	get engine(): OcrEngine | null {
		if (this.chosen && this.cached.includes(this.chosen)) return this.chosen;
		const memory = (navigator as Navigator & { deviceMemory?: number }).deviceMemory;
		if (this.cached.includes('paddle') && !(memory !== undefined && memory < PADDLE_MIN_MEMORY_GIB)) return 'paddle';
		if (this.cached.includes('tesseract')) return 'tesseract';
		return null;
	}

	files(engine: OcrEngine): OcrEngineFiles {
		return this.manifest![engine];
	}
}

export const ocrEngines = new OcrEngines();
