/// <reference lib="webworker" />
// Reads a ticket photo with one of the two OCR engines, off the page's thread so that the kiosk never
// freezes. Engines load on first use and stay loaded; cancelling terminates this worker.
// Imported statically: the worker is then one file, which the app shell's precache holds (a chunk
// loaded later would be missing on a kiosk that never read a ticket online).
import * as ort from 'onnxruntime-web/wasm';
import * as ocr from 'esearch-ocr';
import { createWorker, OEM, PSM } from 'tesseract.js';
import type { OcrEngine, OcrEngineFiles } from './ocr-files';
import { rowsOf, type TextPiece } from './ocr-layout';
import type { OcrProgress, OcrWorkerReply, OcrWorkerRequest } from './ocr';

declare const self: DedicatedWorkerGlobalScope;

type Reader = (photo: Blob, progress: (update: OcrProgress) => void) => Promise<TextPiece[]>;

const readers = new Map<OcrEngine, Promise<Reader>>();
const absolute = (url: string) => new URL(url, self.location.origin).href;

/**
 * The long side of the picture each engine reads: larger costs time and no accuracy here (bench/).
 * PP-OCR reads the text boxes from a picture of this size (a smaller photo is enlarged: the boxes are
 * cut from it and shrunk to the recogniser's height anyway) and finds the boxes on a copy of
 * PADDLE_DETECT_SIDE, which is where its time went (detection on 1600 × 1200 took most of 7 s).
 */
const PADDLE_MAX_SIDE = 1600;
const PADDLE_DETECT_SIDE = 960;
const TESSERACT_MAX_SIDE = 2400;

/**
 * A red seal stamped over the text is the commonest cause of misread names. Seen through a red filter
 * (the red channel) the seal almost disappears while print stays dark, a little lighter where the seal
 * covers it: red pixels take their red channel's value, stretched so that print under the seal turns
 * dark again and the seal on bare paper white.
 */
function withoutSeal(image: ImageData): ImageData {
	const pixels = image.data;
	for (let i = 0; i < pixels.length; i += 4) {
		const red = pixels[i]!;
		if (red - Math.max(pixels[i + 1]!, pixels[i + 2]!) <= SEAL_REDNESS) continue;
		const grey = Math.max(0, Math.min(255, ((red - SEAL_INK) * 255) / (SEAL_PAPER - SEAL_INK)));
		pixels[i] = pixels[i + 1] = pixels[i + 2] = grey;
	}
	return image;
}
const SEAL_REDNESS = 50;
/** Red-channel levels of print under a seal and of a seal on paper, as photographed (generated set, bench/). */
const SEAL_INK = 150;
const SEAL_PAPER = 225;

/**
 * The picture as tesseract reads it best; PP-OCR needs neither step. Grey levels are stretched, and
 * table rulings (the borders of a delivery note's grid), which make tesseract read a table as noise,
 * become paper: long straight dark runs, far longer than any stroke of a character.
 */
function forTesseract(image: ImageData): ImageData {
	const { data, width, height } = image;
	const luminance = new Float32Array(width * height);
	let sum = 0;
	for (let p = 0; p < luminance.length; p++) {
		luminance[p] = 0.299 * data[p * 4]! + 0.587 * data[p * 4 + 1]! + 0.114 * data[p * 4 + 2]!;
		sum += luminance[p]!;
	}
	// A dim photo: stretch grey levels so that paper is white and print black (tesseract binarises with
	// one global threshold, which fails in low light).
	const sorted = luminance.slice().sort();
	const ink = sorted[Math.floor(sorted.length * 0.02)]!;
	const paper = sorted[Math.floor(sorted.length * 0.9)]!;
	const range = Math.max(1, paper - ink);
	sum = 0;
	for (let p = 0; p < luminance.length; p++) {
		const grey = Math.min(255, Math.max(0, ((luminance[p]! - ink) * 255) / range));
		luminance[p] = grey;
		data[p * 4] = data[p * 4 + 1] = data[p * 4 + 2] = grey;
		sum += grey;
	}
	const dark = (sum / luminance.length) * 0.6;
	const clear = (pixels: number[]) => {
		for (const p of pixels) data[p * 4] = data[p * 4 + 1] = data[p * 4 + 2] = 255;
	};
	const scan = (lines: number, length: number, at: (line: number, step: number) => number, minimum: number) => {
		for (let line = 0; line < lines; line++) {
			let run: number[] = [];
			for (let step = 0; step <= length; step++) {
				const p = step < length ? at(line, step) : -1;
				if (p >= 0 && luminance[p]! < dark) run.push(p);
				else {
					if (run.length >= minimum) clear(run);
					run = [];
				}
			}
		}
	};
	scan(height, width, (y, x) => y * width + x, width / 4);
	scan(width, height, (x, y) => y * width + x, height / 10);
	return image;
}

/**
 * Uneven light evened out: each pixel divided by the blurred picture around it (the paper's brightness
 * there), so that a dim corner or a shadow does not turn to ink when tesseract binarises the page.
 */
async function evenLight(image: ImageData): Promise<ImageData> {
	const background = (await blurredCanvas(image, Math.max(8, Math.round(image.width / 80)))).getImageData(0, 0, image.width, image.height).data;
	const pixels = image.data;
	for (let i = 0; i < pixels.length; i += 4) {
		for (let c = 0; c < 3; c++) pixels[i + c] = Math.min(255, (255 * pixels[i + c]!) / Math.max(1, background[i + c]!));
	}
	return image;
}

/**
 * The angle (radians) that levels the page's rows of print: of the tilts tried (±8°, every 0.5°), the one
 * whose rows of ink, summed along it, are most sharply separated from the white between them.
 */
function skewOf(image: ImageData): number {
	const step = Math.max(1, Math.round(image.width / 500));
	const dark: [number, number][] = [];
	for (let y = 0; y < image.height; y += step) {
		for (let x = 0; x < image.width; x += step) {
			const i = (y * image.width + x) * 4;
			if (image.data[i]! + image.data[i + 1]! + image.data[i + 2]! < 3 * 110) dark.push([x, y]);
		}
	}
	let best = { angle: 0, score: -1 };
	for (let degrees = -8; degrees <= 8; degrees += 0.5) {
		const tan = Math.tan((degrees * Math.PI) / 180);
		const rows = new Map<number, number>();
		for (const [x, y] of dark) {
			const row = Math.round((y - x * tan) / step);
			rows.set(row, (rows.get(row) ?? 0) + 1);
		}
		let score = 0;
		for (const count of rows.values()) score += count * count;
		if (score > best.score) best = { angle: (degrees * Math.PI) / 180, score };
	}
	return best.angle;
}

/** The picture turned so that its rows of print are level (white where the turn uncovers the edge). */
async function levelled(image: ImageData): Promise<ImageData> {
	const angle = skewOf(image);
	if (Math.abs(angle) < (0.4 * Math.PI) / 180) return image;
	const bitmap = await createImageBitmap(image);
	const context = new OffscreenCanvas(image.width, image.height).getContext('2d', { willReadFrequently: true })!;
	context.fillStyle = '#fff';
	context.fillRect(0, 0, image.width, image.height);
	context.translate(image.width / 2, image.height / 2);
	context.rotate(-angle);
	context.drawImage(bitmap, -image.width / 2, -image.height / 2);
	bitmap.close();
	return context.getImageData(0, 0, image.width, image.height);
}

async function imageDataOf(photo: Blob, maxSide: number, enlarge = false): Promise<ImageData> {
	const bitmap = await createImageBitmap(photo);
	const scale = Math.min(enlarge ? Infinity : 1, maxSide / Math.max(bitmap.width, bitmap.height));
	const context = drawn(bitmap, Math.round(bitmap.width * scale), Math.round(bitmap.height * scale));
	return withoutSeal(context.getImageData(0, 0, context.canvas.width, context.canvas.height));
}

/** `bitmap` drawn at width × height, blurred by `blur` pixels; the bitmap is released. */
function drawn(bitmap: ImageBitmap, width: number, height: number, blur = 0): OffscreenCanvasRenderingContext2D {
	const context = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true })!;
	if (blur > 0) context.filter = `blur(${blur}px)`;
	context.drawImage(bitmap, 0, 0, width, height);
	bitmap.close();
	return context;
}

async function blurredCanvas(image: ImageData, blur: number): Promise<OffscreenCanvasRenderingContext2D> {
	return drawn(await createImageBitmap(image), image.width, image.height, blur);
}

async function paddleReader(files: OcrEngineFiles): Promise<Reader> {
	ort.env.wasm.wasmPaths = { wasm: absolute(files.urls['ort-wasm-simd-threaded.wasm']!) };
	ort.env.wasm.numThreads = 1;
	const keys = await (await fetch(files.urls['keys.txt']!)).text();
	let report: (update: OcrProgress) => void = () => {};
	const engine = await ocr.init({
		ort,
		det: { input: absolute(files.urls['det.onnx']!), ratio: PADDLE_DETECT_SIDE / PADDLE_MAX_SIDE },
		rec: {
			input: absolute(files.urls['rec.onnx']!),
			decodeDic: keys,
			on: (index, _result, total) => report({ stage: 'reading', fraction: (index + 1) / total })
		}
	});
	return async (photo, progress) => {
		report = progress;
		const image = await imageDataOf(photo, PADDLE_MAX_SIDE, true);
		const found = await engine.det(image);
		const read = piecesOf(await engine.recRaw(found));
		// The second readings below are quick: the progress bar stays full rather than refilling.
		report = () => {};
		// Dot-matrix print falls apart into dots, and a short cell (a quantity of "6") then reads as noise;
		// blurred, the dots join. Only what was unsure is read again from a blurred copy: blurring the whole
		// picture costs letters elsewhere (bench/).
		const unsure = read.filter((piece) => piece.mean < SURE);
		for (const blur of unsure.length > 0 ? REREAD_BLURS : []) {
			const copy = await blurredCanvas(image, blur);
			const again = piecesOf(await engine.recRaw(unsure.map(({ box, style }) => ({ box, style, img: cropOf(copy, boundsOf(box)) }))));
			again.forEach((piece, index) => {
				if (piece.mean > unsure[index]!.mean) Object.assign(unsure[index]!, { text: piece.text, mean: piece.mean });
			});
		}
		return read
			.filter((piece) => piece.mean >= SURE && piece.text)
			.map(({ text, box }) => ({ text, slope: (box[1][1] - box[0][1]) / Math.max(1, box[1][0] - box[0][0]), ...boundsOf(box) }));
	};
}

/** Pixels of blur for each second reading of an unsure piece: the likeliest reading wins. */
const REREAD_BLURS = [0, 1, 1.5];
/** esearch-ocr's own cut-off: below it a piece is more likely noise than text. */
const SURE = 0.5;

type RawPieces = Awaited<ReturnType<Awaited<ReturnType<typeof ocr.init>>['recRaw']>>;

/** Each piece's best reading and its mean confidence, as esearch-ocr's `rec` makes them (keeping spaces). */
function piecesOf(raw: RawPieces) {
	return raw.map(({ text: characters, box, style }) => {
		const best = characters.map((candidates) => (candidates[0]!.t === '' && candidates[1]?.t === ' ' && candidates[1].mean > 1e-3 ? candidates[1] : candidates[0]!));
		return { text: best.map((c) => c.t).join('').trim(), mean: best.reduce((sum, c) => sum + c.mean, 0) / Math.max(1, best.length), box, style };
	});
}

type Box = [number, number][];
const boundsOf = (box: Box) => ({
	left: Math.min(...box.map((point) => point[0])),
	right: Math.max(...box.map((point) => point[0])),
	top: Math.min(...box.map((point) => point[1])),
	bottom: Math.max(...box.map((point) => point[1]))
});

/** The piece's box with a margin: the detector's tight crop cuts short glyphs' edges. */
function cropOf(context: OffscreenCanvasRenderingContext2D, { left, right, top, bottom }: ReturnType<typeof boundsOf>): ImageData {
	const margin = Math.round((bottom - top) * 0.15);
	return context.getImageData(Math.floor(left) - margin, Math.floor(top) - margin, Math.ceil(right - left) + 2 * margin, Math.ceil(bottom - top) + 2 * margin);
}

async function tesseractReader(files: OcrEngineFiles): Promise<Reader> {
	const language = absolute(files.urls['chi_sim.traineddata.gz']!);
	let report: (update: OcrProgress) => void = () => {};
	// Every path is set and points at this origin: left unset, tesseract.js fetches from a CDN.
	const worker = await createWorker('chi_sim', OEM.LSTM_ONLY, {
		workerPath: absolute(files.urls['worker.min.js']!),
		corePath: absolute(files.urls['core.wasm.js']!),
		langPath: language.slice(0, language.lastIndexOf('/')),
		workerBlobURL: false,
		// The kiosk's own OCR cache keeps the language data; a second copy in IndexedDB would waste space.
		cacheMethod: 'none',
		logger: (message) => {
			if (message.status === 'recognizing text') report({ stage: 'reading', fraction: message.progress });
		}
	});
	// One block of text: with automatic page segmentation tesseract split the ticket's table into
	// columns and lost its rows (bench: 41.5 % → 48.5 % of key fields).
	await worker.setParameters({ tessedit_pageseg_mode: PSM.SINGLE_BLOCK });
	return async (photo, progress) => {
		report = progress;
		// A slight blur after the clean-up joins dot-matrix dots into strokes (before it, it would soften
		// the table rulings that the clean-up removes).
		// Light evened out and the page levelled first: the clean-up's long straight runs (table rulings)
		// are only straight on a level page, and one global threshold only works in even light.
		const canvas = (await blurredCanvas(forTesseract(await levelled(await evenLight(await imageDataOf(photo, TESSERACT_MAX_SIDE)))), 1)).canvas;
		const { data } = await worker.recognize(await canvas.convertToBlob({ type: 'image/png' }), {}, { blocks: true });
		return (data.blocks ?? []).flatMap((block) =>
			block.paragraphs.flatMap((paragraph) =>
				paragraph.lines.flatMap((line) =>
					line.words.map((word) => ({ text: word.text, left: word.bbox.x0, right: word.bbox.x1, top: word.bbox.y0, bottom: word.bbox.y1 }))
				)
			)
		);
	};
}

self.onmessage = async (event: MessageEvent<OcrWorkerRequest>) => {
	const { engine, files, photo } = event.data;
	const reply = (message: OcrWorkerReply) => self.postMessage(message);
	const started = performance.now();
	try {
		if (!readers.has(engine)) {
			reply({ type: 'progress', progress: { stage: 'loading' } });
			const loading = engine === 'paddle' ? paddleReader(files) : tesseractReader(files);
			// A failed load may succeed next time (the files were still downloading).
			loading.catch(() => readers.delete(engine));
			readers.set(engine, loading);
		}
		const read = await readers.get(engine)!;
		if (!photo) return reply({ type: 'warm' });
		reply({ type: 'progress', progress: { stage: 'reading', fraction: 0 } });
		const pieces = await read(photo, (progress) => reply({ type: 'progress', progress }));
		reply({ type: 'done', rows: rowsOf(pieces), milliseconds: Math.round(performance.now() - started) });
	} catch (error) {
		reply({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
	}
};
