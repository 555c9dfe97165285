// Barcodes and QR codes read on the tablet (@zxing/browser, loaded only where scanning happens). The
// rest of the app sees only this interface.

export interface ScannedCode {
	/** zxing's format name: QR_CODE, EAN_13, CODE_128… */
	format: string;
	text: string;
}

/**
 * Every code in a photo: QR codes and 1D barcodes need separate readers (the multi-format reader stops
 * at the first code), and TRY_HARDER finds a ticket held at an angle.
 */
export async function readCodesFromImage(image: Blob): Promise<ScannedCode[]> {
	const [{ BrowserQRCodeReader, BrowserMultiFormatOneDReader }, { BarcodeFormat, DecodeHintType }] = await Promise.all([
		import('@zxing/browser'),
		import('@zxing/library')
	]);
	const hints = new Map([[DecodeHintType.TRY_HARDER, true]]);
	const url = URL.createObjectURL(image);
	try {
		const found: ScannedCode[] = [];
		for (const reader of [new BrowserQRCodeReader(hints), new BrowserMultiFormatOneDReader(hints)]) {
			try {
				const result = await reader.decodeFromImageUrl(url);
				found.push({ format: BarcodeFormat[result.getBarcodeFormat()], text: result.getText() });
			} catch {
				// This reader found no code of its kind in the photo.
			}
		}
		return found;
	} finally {
		URL.revokeObjectURL(url);
	}
}

/** A running camera scan: stop it, and switch the torch where the device has one. */
export interface CameraScan {
	stop(): void;
	torch?: (on: boolean) => Promise<void>;
}

/**
 * Scans QR codes continuously from the tablet's back camera into `preview`, calling `onCode` for each
 * code read; the caller stops it (usually at the first ticket).
 */
export async function scanWithCamera(preview: HTMLVideoElement, onCode: (code: ScannedCode) => void): Promise<CameraScan> {
	const [{ BrowserQRCodeReader }, { BarcodeFormat, DecodeHintType }] = await Promise.all([import('@zxing/browser'), import('@zxing/library')]);
	const reader = new BrowserQRCodeReader(new Map([[DecodeHintType.TRY_HARDER, true]]));
	const controls = await reader.decodeFromConstraints({ video: { facingMode: 'environment' } }, preview, (result) => {
		if (result) onCode({ format: BarcodeFormat[result.getBarcodeFormat()], text: result.getText() });
	});
	return { stop: () => controls.stop(), torch: controls.switchTorch };
}
