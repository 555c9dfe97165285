// Barcodes and QR codes read on the tablet (@zxing/browser, loaded only where scanning happens). The
// rest of the app sees only this interface.
import zxingUrl from '@zxing/browser/umd/zxing-browser.min.js?url';
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
}

/** Barcodes printed on packaged goods (GS1 product numbers); a Code 128 on a ticket is not a product. */
const PRODUCT_FORMATS = new Set(['EAN_13', 'EAN_8', 'UPC_A', 'UPC_E']);

export function isProductBarcode(code: ScannedCode): boolean {
	return PRODUCT_FORMATS.has(code.format);
}

/**
 * Every code in a photo: QR codes and 1D barcodes need separate readers (the multi-format reader stops
 * at the first code), and TRY_HARDER finds a ticket held at an angle. zxing's detector misjudges the
 * size of many sharp QR codes at error-correction level M (the usual level) and reads them from a
 * smaller copy: in Chromium, of 36 generated level-M tickets 24 were read at full size, 35 with copies
 * at 0.6 and 0.4 (0.5 is a bad size: 13 of 36). So the QR reader tries again at those sizes.
 */
export async function readCodesFromImage(image: Blob): Promise<ScannedCode[]> {
	const { BrowserQRCodeReader, BrowserMultiFormatOneDReader, BarcodeFormat } = await zxing();
	const hints = new Map([[DecodeHintType.TRY_HARDER, true]]);
	const bitmap = await createImageBitmap(image);
	// A 12-megapixel photo is read at most 2400 pixels on its long side: each try on the full photo would
	// keep the cook waiting, and a ticket's QR code is still many pixels per module at that size.
	const largest = Math.min(1, DECODE_MAX_SIDE / Math.max(bitmap.width, bitmap.height));
	try {
		const found: ScannedCode[] = [];
		for (const [reader, scales] of [
			[new BrowserQRCodeReader(hints), QR_SCALES],
			[new BrowserMultiFormatOneDReader(hints), [1]]
		] as const) {
			for (const scale of scales) {
				try {
					const result = reader.decodeFromCanvas(canvasOf(bitmap, largest * scale));
					found.push({ format: BarcodeFormat[result.getBarcodeFormat()], text: result.getText() });
					break;
				} catch {
					// No code of this reader's kind at this size.
				}
			}
		}
		return found;
	} finally {
		bitmap.close();
	}
}

const QR_SCALES = [1, 0.6, 0.4];
const DECODE_MAX_SIDE = 2400;

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
