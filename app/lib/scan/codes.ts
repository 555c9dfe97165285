// Barcodes and QR codes read on the tablet: zxing-cpp (WebAssembly) for photos, @zxing/browser for the
// camera's continuous scan; both loaded only where scanning happens. The rest of the app sees only this
// interface.
import zxingUrl from '@zxing/browser/umd/zxing-browser.min.js?url';
import zxingCppUrl from 'zxing-wasm/reader-script?url';
import zxingCppWasm from 'zxing-wasm/reader/zxing_reader.wasm?url';
import DecodeHintType from '@zxing/library/esm/core/DecodeHintType';
import { loadScript } from '$lib/scripts';

/**
 * zxing (≈ 107 KiB gzipped) as its self-contained UMD file, loaded on first use: the build is one
 * bundle that would otherwise carry it into every start of the kiosk (issue 16).
 */
async function zxing(): Promise<typeof import('@zxing/browser')> {
	await loadScript(zxingUrl);
	return (globalThis as unknown as { ZXingBrowser: typeof import('@zxing/browser') }).ZXingBrowser;
}

export interface ScannedCode {
	/** zxing's format name: QR_CODE, EAN_13, CODE_128… */
	format: string;
	text: string;
	/** Share of the photo's width the code spans (photos only). */
	width?: number;
}

/** Barcodes printed on packaged goods (GS1 product numbers); a Code 128 on a ticket is not a product. */
const PRODUCT_FORMATS = new Set(['EAN_13', 'EAN_8', 'UPC_A', 'UPC_E']);

export function isProductBarcode(code: ScannedCode): boolean {
	return PRODUCT_FORMATS.has(code.format);
}

/**
 * zxing-cpp's WebAssembly build, for photos: one pass finds every code on the page (a ticket's QR code,
 * its Code 128 ticket number, a product's EAN-13), and it reads the dense e-ticket QR codes that zxing's
 * JavaScript port misses at most sizes (bench/ocr). Its ≈ 1 MB wasm is precached with the app, never
 * fetched from the CDN the package would use by default.
 */
function zxingCpp(): Promise<typeof import('zxing-wasm/reader')> {
	cpp ??= loadScript(zxingCppUrl).then(() => {
		const reader = (globalThis as unknown as { ZXingWASM: typeof import('zxing-wasm/reader') }).ZXingWASM;
		reader.prepareZXingModule({ overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? new URL(zxingCppWasm, location.href).href : prefix + path) } });
		return reader;
	});
	// A failed load (the script was not cached yet) is tried again with the next photo.
	cpp.catch(() => (cpp = undefined));
	return cpp;
}
let cpp: Promise<typeof import('zxing-wasm/reader')> | undefined;

/** zxing-cpp's format names as the rest of the app (and the camera's reader) calls them. */
const FORMAT_NAMES: Record<string, string> = { QRCode: 'QR_CODE', EAN13: 'EAN_13', EAN8: 'EAN_8', UPCA: 'UPC_A', UPCE: 'UPC_E', Code128: 'CODE_128', Code39: 'CODE_39', DataMatrix: 'DATA_MATRIX' };
const PHOTO_FORMATS = ['QRCode', 'EAN13', 'EAN8', 'UPCA', 'UPCE', 'Code128', 'Code39', 'DataMatrix'] as const;

/**
 * Every code in a photo, each with the share of the photo's width it spans (a product photographed
 * close up fills the frame; a barcode printed on a delivery note is a small part of it).
 */
export async function readCodesFromImage(image: Blob): Promise<ScannedCode[]> {
	const { readBarcodes } = await zxingCpp();
	const bitmap = await createImageBitmap(image);
	try {
		// A 12-megapixel photo is read at most 2400 pixels on its long side: a ticket's QR code keeps
		// several pixels per module at that size, and the cook does not wait for the rest.
		const scale = Math.min(1, DECODE_MAX_SIDE / Math.max(bitmap.width, bitmap.height));
		const canvas = canvasOf(bitmap, scale);
		const pixels = canvas.getContext('2d', { willReadFrequently: true })!.getImageData(0, 0, canvas.width, canvas.height);
		const results = await readBarcodes(pixels, { formats: [...PHOTO_FORMATS], tryHarder: true, tryRotate: true, tryInvert: false, maxNumberOfSymbols: 8 });
		const seen = new Set<string>();
		return results
			.filter((result) => result.isValid && result.text)
			.map((result) => {
				const xs = [result.position.topLeft.x, result.position.topRight.x, result.position.bottomLeft.x, result.position.bottomRight.x];
				return { format: FORMAT_NAMES[result.format] ?? result.format, text: result.text, width: (Math.max(...xs) - Math.min(...xs)) / canvas.width };
			})
			.filter((code) => !seen.has(code.format + code.text) && seen.add(code.format + code.text));
	} finally {
		bitmap.close();
	}
}

const DECODE_MAX_SIDE = 2400;

/** A product's barcode narrower than this share of the photo is printed on a note whose text is read too. */
export const PRODUCT_CLOSE_UP = 0.2;

function canvasOf(bitmap: ImageBitmap, scale: number): HTMLCanvasElement {
	const canvas = document.createElement('canvas');
	canvas.width = Math.round(bitmap.width * scale);
	canvas.height = Math.round(bitmap.height * scale);
	canvas.getContext('2d', { willReadFrequently: true })!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
	return canvas;
}

/** A running camera scan: stop it, and switch the torch where the device has one. */
export interface CameraScan {
	stop(): void;
	torch?: (on: boolean) => Promise<void>;
}

/**
 * Scans continuously from the tablet's back camera into `preview`, calling `onCode` for each ticket QR
 * code or product barcode read (every frame while it is in view); the caller decides when to stop.
 */
export async function scanWithCamera(preview: HTMLVideoElement, onCode: (code: ScannedCode) => void): Promise<CameraScan> {
	const { BrowserMultiFormatReader, BarcodeFormat } = await zxing();
	// Only the formats a delivery carries: each extra format costs time on every frame.
	const formats = [BarcodeFormat.QR_CODE, BarcodeFormat.EAN_13, BarcodeFormat.EAN_8, BarcodeFormat.UPC_A, BarcodeFormat.UPC_E];
	const reader = new BrowserMultiFormatReader(
		new Map<number, unknown>([
			[DecodeHintType.TRY_HARDER, true],
			[DecodeHintType.POSSIBLE_FORMATS, formats]
		])
	);
	const controls = await reader.decodeFromConstraints({ video: { facingMode: 'environment' } }, preview, (result) => {
		if (result) onCode({ format: BarcodeFormat[result.getBarcodeFormat()], text: result.getText() });
	});
	return { stop: () => controls.stop(), torch: controls.switchTorch };
}
