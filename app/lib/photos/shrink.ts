/**
 * Shrinks a camera photo on the tablet to a JPEG of at most `maxBytes` (rule of issue 3: ≤ 300 KB),
 * lowering the quality first and then the size. Throws when the file is not an image the browser can
 * decode, which the form reports instead of saving a broken photo.
 */
export async function shrinkPhoto(file: Blob, { maxBytes = 300 * 1024, maxSide = 1600 } = {}): Promise<Blob> {
	const bitmap = await createImageBitmap(file);
	try {
		let side = Math.min(maxSide, Math.max(bitmap.width, bitmap.height));
		let quality = 0.85;
		for (;;) {
			const scale = side / Math.max(bitmap.width, bitmap.height);
			const canvas = new OffscreenCanvas(Math.max(1, Math.round(bitmap.width * scale)), Math.max(1, Math.round(bitmap.height * scale)));
			canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
			const jpeg = await canvas.convertToBlob({ type: 'image/jpeg', quality });
			// A photo still too big at 320 px is kept: evidence matters more than the limit.
			if (jpeg.size <= maxBytes || side <= 320) return jpeg;
			if (quality > 0.55) quality -= 0.15;
			else side = Math.round(side * 0.75);
		}
	} finally {
		bitmap.close();
	}
}
