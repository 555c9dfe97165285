// npm run bench — reading delivery notes on the kiosk (issues 4 and 16), through the real purchases
// screen in Chromium with the network pulled: per engine, the seconds from the photo to the proposal
// and, per field the cook checks (supplier, delivery date, and per goods line its name, quantity, unit,
// production date or batch), how many the form proposed right — on the generated set
// (tests/fixtures/delivery-notes.ts: six layouts × five photo conditions, 1,700 px wide) and, apart, on
// its held-out part that no tuning looked at (no misses are printed for it). Also: the codes on every
// note (zxing-cpp, which the app uses for photos, against @zxing/browser at the sizes it used to try),
// the QR and product-barcode paths, the size of what each engine caches. Prints tables; asserts nothing
// about speed or accuracy. OCR_BENCH_ENGINES=paddle (or tesseract) limits the run to one engine.
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { chromium, type Browser, type Page } from '@playwright/test';
import QRCode from 'qrcode';
import { afterAll, beforeAll, it } from 'vitest';
import { OCR_ENGINES, type OcrEngine, type OcrManifest } from '../app/lib/scan/ocr-files';
import { chinaDate, createCanteenWithStaff, createKioskCode, startTestServer, type TestServer } from '../tests/fixtures/server';
import { deliveryNotes, noteScore, notePayload, renderNote, type DeliveryNote, type FormProposal } from '../tests/fixtures/delivery-notes';
import { productBarcode, sampleTicket } from '../tests/fixtures/tickets';
import { enrolAndChooseChecker } from '../tests/e2e/kitchen';

const ENGINE_LABEL: Record<OcrEngine, string> = { paddle: '精确识别', tesseract: '轻量识别' };
const FIELDS = ['supplier', 'date', 'name', 'quantity', 'unit', 'date_or_batch'] as const;
const engines = (process.env.OCR_BENCH_ENGINES?.split(',') ?? OCR_ENGINES) as OcrEngine[];
type Result = { engine: OcrEngine; note: DeliveryNote; seconds: number } & ReturnType<typeof noteScore>;
const results: Result[] = [];
const extra: string[] = [];
let server: TestServer;

beforeAll(async () => {
	server = await startTestServer();
});

afterAll(async () => {
	await server?.dispose();
	const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
	const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
	const share = (rows: Result[], fields: readonly string[] = FIELDS) => {
		const right = rows.reduce((sum, r) => sum + fields.reduce((s, f) => s + (r.fields[f]?.right ?? 0), 0), 0);
		const total = rows.reduce((sum, r) => sum + fields.reduce((s, f) => s + (r.fields[f]?.total ?? 0), 0), 0);
		return total ? `${((100 * right) / total).toFixed(1)} %` : '—';
	};
	const out = ['', `Mingchu delivery-note reading — ${new Date().toISOString()}`, `machine: ${machine}; Chromium, photos 1700×1275, offline`, ''];
	out.push(`| engine | part | notes | all fields | ${FIELDS.join(' | ')} | extra lines (of them header lines) | seconds (median / max) |`, `|---|---|---|---|${FIELDS.map(() => '---').join('|')}|---|---|`);
	for (const engine of engines) {
		for (const part of ['tuning', 'held-out'] as const) {
			const rows = results.filter((r) => r.engine === engine && r.note.part === part);
			if (rows.length === 0) continue;
			out.push(`| ${engine} | ${part} | ${rows.length} | **${share(rows)}** | ${FIELDS.map((f) => share(rows, [f])).join(' | ')} | ${rows.reduce((s, r) => s + r.notGoods, 0)} (${rows.reduce((s, r) => s + r.headerAsGoods, 0)}) | ${median(rows.map((r) => r.seconds)).toFixed(1)} / ${Math.max(...rows.map((r) => r.seconds)).toFixed(1)} |`);
		}
		const tuning = results.filter((r) => r.engine === engine && r.note.part === 'tuning');
		out.push('', `${engine}, tuning part by layout and condition:`);
		for (const key of ['layout', 'condition'] as const) {
			const values = [...new Set(tuning.map((r) => r.note[key]))];
			out.push(`  ${values.map((value) => `${value} ${share(tuning.filter((r) => r.note[key] === value))}`).join(', ')}`);
		}
		out.push('');
	}
	out.push(...extra, '', 'Fields read wrong (tuning part only; the held-out part is not looked at):');
	for (const r of results.filter((r) => r.note.part === 'tuning' && (r.wrong.length > 0 || r.notGoods > 0))) out.push(`  ${r.engine} ${r.note.id}/${r.note.condition}: ${r.wrong.join('; ')}${r.notGoods ? ` — not goods: ${r.unmatched.join(', ')}` : ''}`);
	console.log(out.join('\n'));
});

/** What the purchase form shows after a reading: the supplier selected, the ticket's date, the lines. */
async function proposalOf(page: Page): Promise<FormProposal> {
	const form = page.getByTestId('purchase-form');
	const supplier = (await form.locator('.suppliers button[aria-pressed="true"]').allTextContents())[0]?.trim();
	const extras = (await form.getByTestId('ticket-extras').textContent().catch(() => '')) ?? '';
	const lines = [];
	for (const line of await form.getByTestId('purchase-line').all()) {
		const value = (name: string) => line.locator(`input[name="${name}"]`).inputValue();
		lines.push({ name: await value('name'), quantity: await value('quantity'), unit: await value('unit'), production_date: await value('production_date'), batch: await value('batch') });
	}
	return { supplier: supplier?.split(/\s/)[0], delivered_on: extras.match(/\d{4}-\d{2}-\d{2}/)?.[0], lines };
}

/** Every code on each photo, by zxing-cpp (the app's photo reader) and by @zxing/browser as the app used it before. */
async function compareCodeReaders(browser: Browser, photos: { note: DeliveryNote; png: Buffer }[]) {
	const page = await browser.newPage();
	// Both readers' files from node_modules, the wasm served under a name of its own.
	const wasm = 'http://bench.invalid/zxing_reader.wasm';
	await page.route(wasm, (route) => route.fulfill({ contentType: 'application/wasm', body: readFileSync('node_modules/zxing-wasm/dist/reader/zxing_reader.wasm') }));
	await page.route('http://bench.invalid/', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>codes</title>' }));
	await page.goto('http://bench.invalid/');
	await page.addScriptTag({ path: 'node_modules/@zxing/browser/umd/zxing-browser.min.js' });
	await page.addScriptTag({ path: 'node_modules/zxing-wasm/dist/iife/reader/index.js' });
	const rows: string[] = [];
	let cppQr = 0;
	let jsQr = 0;
	let qrNotes = 0;
	for (const { note, png } of photos) {
		const found = await page.evaluate(
			async ({ data, wasm }) => {
				const blob = await (await fetch(`data:image/png;base64,${data}`)).blob();
				const bitmap = await createImageBitmap(blob);
				const canvasAt = (scale: number) => {
					const canvas = document.createElement('canvas');
					canvas.width = Math.round(bitmap.width * scale);
					canvas.height = Math.round(bitmap.height * scale);
					canvas.getContext('2d', { willReadFrequently: true })!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
					return canvas;
				};
				const g = globalThis as unknown as { ZXingWASM: typeof import('zxing-wasm/reader'); ZXingBrowser: typeof import('@zxing/browser') };
				g.ZXingWASM.prepareZXingModule({ overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasm : prefix + path) } });
				const canvas = canvasAt(1);
				const t0 = performance.now();
				const cpp = await g.ZXingWASM.readBarcodes(canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height), { tryHarder: true, tryRotate: true, maxNumberOfSymbols: 8, formats: ['QRCode', 'EAN13', 'EAN8', 'UPCA', 'UPCE', 'Code128', 'Code39', 'DataMatrix'] });
				const cppMs = performance.now() - t0;
				const t1 = performance.now();
				let js = '';
				const hints = new Map([[3 /* TRY_HARDER */, true]]);
				for (const scale of [1, 0.6, 0.4]) {
					try {
						js = new g.ZXingBrowser.BrowserQRCodeReader(hints).decodeFromCanvas(canvasAt(scale)).getText();
						break;
					} catch {
						// not at this size
					}
				}
				return { cpp: cpp.filter((r) => r.isValid).map((r) => `${r.format}`), cppQr: cpp.some((r) => r.format === 'QRCode' && r.isValid), cppMs, js: js !== '', jsMs: performance.now() - t1 };
			},
			{ data: png.toString('base64'), wasm }
		);
		const hasQr = note.layout === 'two-column-qr';
		qrNotes += hasQr ? 1 : 0;
		cppQr += hasQr && found.cppQr ? 1 : 0;
		jsQr += hasQr && found.js ? 1 : 0;
		rows.push(`  ${note.id}/${note.condition}: zxing-cpp ${found.cpp.join(' ') || '—'} (${found.cppMs.toFixed(0)} ms); @zxing/browser QR ${found.js ? 'read' : hasQr ? 'missed' : '—'} (${found.jsMs.toFixed(0)} ms)`);
	}
	await page.close();
	extra.push(`Codes on the notes: dense e-ticket QR codes (JSON ${notePayload(photos.find((p) => p.note.layout === 'two-column-qr')!.note).length} characters, level M) read by zxing-cpp ${cppQr}/${qrNotes}, by @zxing/browser at sizes 1, 0.6, 0.4: ${jsQr}/${qrNotes}`, ...rows);
}

it('reads the generated delivery notes with each engine', async () => {
	const canteen = await createCanteenWithStaff(server, { staff: { 王建国: {} } });
	const notes = deliveryNotes(chinaDate());
	for (const supplier of [...new Map(notes.map((note) => [note.supplier.name, note.supplier])).values()]) {
		await canteen.admin.collection('suppliers').create({
			canteen: canteen.canteen.id,
			...supplier,
			licence_number: 'JY13601000000001',
			licence_expires: chinaDate(300),
			contact: '孙经理',
			phone: '13800000001',
			address: '示范县屠宰场路 1 号',
			categories: ['pork', 'vegetables', 'grain_oil', 'other'],
			active: true
		});
	}
	const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
	const photos = [];
	for (const note of notes) photos.push({ note, png: await renderNote(browser, note) });
	if (!process.env.OCR_BENCH_ONLY) await compareCodeReaders(browser, photos);

	const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
	await enrolAndChooseChecker(page, { url: server.server.url, code: await createKioskCode(canteen), checker: '王建国' });
	await page.getByRole('link', { name: '进货查验', exact: true }).click();
	const started = Date.now();
	await page.getByTestId('ocr-engines').getByText('可离线识别：轻量识别、精确识别').waitFor({ timeout: 120_000 });
	extra.push(`Engines cached after enrolment: ${((Date.now() - started) / 1000).toFixed(0)} s after opening the page (download starts 10 s after enrolment).`);
	const manifest = JSON.parse(readFileSync('build/ocr/manifest.json', 'utf8')) as OcrManifest;
	for (const engine of OCR_ENGINES) {
		const bytes = Object.values(manifest[engine].bytes).reduce((sum, b) => sum + b, 0);
		extra.push(`Cached on the kiosk for ${engine}: ${(bytes / 2 ** 20).toFixed(1)} MB (${Object.entries(manifest[engine].bytes).map(([name, b]) => `${name} ${(b / 2 ** 20).toFixed(1)}`).join(', ')})`);
	}
	await page.context().setOffline(true);
	const form = page.getByTestId('purchase-form');
	const result = page.getByTestId('scan-result');
	/** A fresh form for the next delivery, as the cook gets after saving: away and back (the engine stays loaded). */
	const freshForm = async () => {
		await page.getByRole('link', { name: '返回' }).first().click();
		await page.getByRole('link', { name: '进货查验', exact: true }).click();
		await form.waitFor();
	};

	// The QR path, for comparison: a ticket's JSON payload.
	const ticket = sampleTicket(chinaDate());
	const qr = await QRCode.toBuffer(JSON.stringify({ supplier: ticket.supplier, date: ticket.delivered_on, items: ticket.items }), { width: 600, margin: 4, errorCorrectionLevel: 'M' });
	const qrTimes: number[] = [];
	for (let i = 0; i < 5; i++) {
		const t0 = Date.now();
		await form.locator('input[name="ticket"]').setInputFiles({ name: 'qr.png', mimeType: 'image/png', buffer: qr });
		await result.getByText('已从二维码读取').waitFor();
		qrTimes.push(Date.now() - t0);
		await freshForm();
	}
	extra.push(`QR e-ticket photo (level M) → proposed record: ${qrTimes.map((t) => `${t} ms`).join(', ')} (zxing-cpp, photo shrink)`);

	// A product's barcode, photographed on the box: the line proposed from the last delivery.
	const barcode = (await productBarcode('690123456789')).toString('base64');
	const boxPhoto = await browser.newPage({ viewport: { width: 1280, height: 960 } });
	await boxPhoto.setContent(`<body style="margin:0;height:960px;display:grid;place-items:center;background:#c8a878"><img src="data:image/png;base64,${barcode}" style="transform:rotate(4deg)"></body>`);
	const productPhoto = await boxPhoto.screenshot({ type: 'png' });
	await boxPhoto.close();
	const barcodeTimes: number[] = [];
	for (let i = 0; i < 5; i++) {
		const t0 = Date.now();
		await form.locator('input[name="ticket"]').setInputFiles({ name: 'box.png', mimeType: 'image/png', buffer: productPhoto });
		await result.getByText('商品条码 6901234567892').waitFor();
		barcodeTimes.push(Date.now() - t0);
		await freshForm();
	}
	extra.push(`EAN-13 photo of a box (1280×960) → product line: ${barcodeTimes.map((t) => `${t} ms`).join(', ')}`);

	for (const engine of engines) {
		const other = form.getByRole('button', { name: `用${ENGINE_LABEL[engine]}` });
		if (await other.isVisible()) await other.click();
		const read = async (png: Buffer) => {
			const t0 = Date.now();
			await form.locator('input[name="ticket"]').setInputFiles({ name: 'note.png', mimeType: 'image/png', buffer: png });
			await result.getByText(/已识别文字|没有找到货品行|没能识别|已从二维码读取/).waitFor({ timeout: 120_000 });
			const seconds = (Date.now() - t0) / 1000;
			const proposal = await proposalOf(page);
			if (process.env.OCR_BENCH_TEXT) console.log(`--- ${engine}\n${(await page.getByTestId('ocr-text').textContent().catch(() => '')) ?? ''}`);
			await freshForm();
			return { seconds, proposal };
		};
		const warmUp = await read(photos[0]!.png);
		extra.push(`${engine}: first note after the page opened ${warmUp.seconds.toFixed(1)} s (the engine starts); not counted below.`);
		// OCR_BENCH_ONLY=<part of a note id> reads only those notes (for looking at the tuning part's text).
		for (const { note, png } of photos.filter(({ note }) => !process.env.OCR_BENCH_ONLY || note.id.includes(process.env.OCR_BENCH_ONLY))) {
			if (process.env.OCR_BENCH_TEXT) console.log(`=== ${note.id}/${note.condition}`);
			const { seconds, proposal } = await read(png);
			results.push({ engine, note, seconds, ...noteScore(note, proposal) });
		}
	}
	await browser.close();
});
