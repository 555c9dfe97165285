// Reading a printed ticket's text on the tablet. The rest of the app sees only this interface: which
// engine runs, where its files come from and how the text is laid out stay behind it.
import type { OcrEngine, OcrEngineFiles } from './ocr-files';
import type { TextRow } from './ocr-layout';

export interface OcrProgress {
	/** loading: the engine starts (first ticket only); reading: the photo is being read. */
	stage: 'loading' | 'reading';
	fraction?: number;
}

export interface OcrReading {
	engine: OcrEngine;
	/** The ticket's rows, top to bottom, each cell with its place across the page. */
	rows: TextRow[];
	milliseconds: number;
}

/** Without a photo: load the engine only, so that the cook's first ticket does not wait for it. */
export type OcrWorkerRequest = { engine: OcrEngine; files: OcrEngineFiles; photo?: Blob };
export type OcrWorkerReply =
	| { type: 'progress'; progress: OcrProgress }
	| { type: 'done'; rows: TextRow[]; milliseconds: number }
	| { type: 'warm' }
	| { type: 'failed'; message: string };

export class OcrCancelled extends Error {
	constructor() {
		super('OCR cancelled');
	}
}

/** Kept between tickets: the engine loads once (≈ 1 s) and the next delivery reads faster. */
let worker: Worker | undefined;
/** A reading waits for the warm-up before it posts (the worker answers one request at a time). */
let warming: Promise<void> = Promise.resolve();

/**
 * Starts `engine` in the background (the purchases page opens it): the engine's files are compiled and
 * its first run done before the cook photographs the ticket. Failures are left to the reading.
 */
export function warmUpOcr(engine: OcrEngine, files: OcrEngineFiles): void {
	if (worker) return;
	const current = (worker = new Worker(new URL('./ocr.worker.ts', import.meta.url), { type: 'module' }));
	warming = new Promise<void>((resolve) => {
		current.onmessage = (event: MessageEvent<OcrWorkerReply>) => {
			if (event.data.type === 'progress') return;
			current.onmessage = null;
			resolve();
		};
		current.onerror = () => resolve();
		current.postMessage({ engine, files } satisfies OcrWorkerRequest);
	});
}

/**
 * Reads `photo` with `engine`. Aborting `signal` stops the reading at once (the worker is terminated
 * and the next reading starts a new one) and rejects with OcrCancelled.
 */
export function readTicketText({
	photo,
	engine,
	files,
	onProgress,
	signal
}: {
	photo: Blob;
	engine: OcrEngine;
	files: OcrEngineFiles;
	onProgress?: (progress: OcrProgress) => void;
	signal?: AbortSignal;
}): Promise<OcrReading> {
	return warming.then(() => read({ photo, engine, files, onProgress, signal }));
}

function read({ photo, engine, files, onProgress, signal }: { photo: Blob; engine: OcrEngine; files: OcrEngineFiles; onProgress?: (progress: OcrProgress) => void; signal?: AbortSignal }): Promise<OcrReading> {
	worker ??= new Worker(new URL('./ocr.worker.ts', import.meta.url), { type: 'module' });
	const current = worker;
	return new Promise<OcrReading>((resolve, reject) => {
		const discard = () => {
			current.terminate();
			if (worker === current) worker = undefined;
		};
		const stop = () => {
			discard();
			reject(new OcrCancelled());
		};
		if (signal?.aborted) return stop();
		signal?.addEventListener('abort', stop, { once: true });
		const finish = () => {
			signal?.removeEventListener('abort', stop);
			current.onmessage = null;
			current.onerror = null;
		};
		current.onmessage = (event: MessageEvent<OcrWorkerReply>) => {
			const reply = event.data;
			if (reply.type === 'progress' || reply.type === 'warm') return reply.type === 'progress' ? onProgress?.(reply.progress) : undefined;
			finish();
			if (reply.type === 'done') resolve({ engine, rows: reply.rows, milliseconds: reply.milliseconds });
			else reject(new Error(reply.message));
		};
		current.onerror = (event) => {
			finish();
			discard();
			reject(new Error(event.message || 'OCR worker failed'));
		};
		current.postMessage({ engine, files, photo } satisfies OcrWorkerRequest);
	});
}
