// The kitchen tablet's camera pointed at an e-ticket or at the goods: Chromium's fake camera plays a
// video of the ticket's QR code or of a product's barcode (made with ffmpeg, which stands in for real
// cameras throughout the tests).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { chromium, expect, test, type Browser } from '@playwright/test';
import QRCode from 'qrcode';
import { chinaDate, createCanteenWithStaff, createKioskCode, startTestServer, type CanteenFixture, type TestServer } from '../fixtures/server';
import { productBarcode } from '../fixtures/tickets';
import { enrolAndChooseChecker, syncBadge } from './kitchen';

let server: TestServer;
let canteen: CanteenFixture;

test.beforeEach(async () => {
	server = await startTestServer();
	canteen = await createCanteenWithStaff(server, { name: '实验小学食堂', staff: { 王建国: {} } });
});

test.afterEach(async () => {
	await server.dispose();
});

/** A fake camera filming `png` (centred on a white 640×480 frame) for 3 s, looped. */
function cameraVideo(png: string, video: string) {
	execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-loop', '1', '-i', png, '-t', '3', '-r', '10', '-vf', 'pad=640:480:(ow-iw)/2:(oh-ih)/2:white,format=yuv420p', video]);
}

async function kioskWithCamera(video: string): Promise<Browser> {
	return chromium.launch({
		executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${video}`]
	});
}

async function createGrainSupplier() {
	await canteen.admin.collection('suppliers').create({
		canteen: canteen.canteen.id,
		name: '绿源粮油',
		credit_code: '91360000MA00000001',
		licence_number: 'JY13601000000002',
		licence_expires: chinaDate(300),
		contact: '周经理',
		phone: '13800000002',
		address: '示范县粮库路 2 号',
		categories: ['grain_oil'],
		active: true
	});
}

test('the camera reads the ticket QR code by itself and stops; supplier and items are proposed', async ({}, testInfo) => {
	await createGrainSupplier();
	const png = testInfo.outputPath('ticket.png');
	const video = testInfo.outputPath('ticket.y4m');
	const ticket = { supplier: { credit_code: '91360000MA00000001' }, items: [{ name: '面粉', spec: '25kg/袋', quantity: 2, unit: '袋', batch: 'F1101', shelf_life_days: '6个月' }] };
	await QRCode.toFile(png, JSON.stringify(ticket), { width: 480, margin: 4, errorCorrectionLevel: 'L' });
	cameraVideo(png, video);

	const browser = await kioskWithCamera(video);
	const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', permissions: ['camera'] });
	const page = await context.newPage();
	await enrolAndChooseChecker(page, { url: server.server.url, code: await createKioskCode(canteen), checker: '王建国' });
	await page.getByRole('link', { name: '进货查验', exact: true }).click();
	const form = page.getByTestId('purchase-form');
	await expect(form.getByRole('button', { name: /绿源粮油/ })).toBeVisible();
	await form.getByRole('button', { name: '用摄像头扫描票据二维码' }).click();
	await expect(page.getByTestId('scan-result')).toContainText('已从二维码读取：绿源粮油，1 种货品', { timeout: 15_000 });
	await expect(page.getByTestId('scan-preview')).toHaveCount(0);
	await expect(form.getByTestId('purchase-line').getByLabel('品名')).toHaveValue('面粉');
	await expect(form.getByTestId('purchase-line').getByLabel('批号')).toHaveValue('F1101');
	await browser.close();
});

test('product barcodes: the camera adds a product never received before; a photo of its barcode later fills it in as last time, and an e-ticket read afterwards adds to it', async ({}, testInfo) => {
	await createGrainSupplier();
	const png = testInfo.outputPath('barcode.png');
	const video = testInfo.outputPath('barcode.y4m');
	writeFileSync(png, await productBarcode('690123456789'));
	cameraVideo(png, video);

	const browser = await kioskWithCamera(video);
	const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', permissions: ['camera'] });
	const page = await context.newPage();
	await enrolAndChooseChecker(page, { url: server.server.url, code: await createKioskCode(canteen), checker: '王建国' });
	await page.getByRole('link', { name: '进货查验', exact: true }).click();
	const form = page.getByTestId('purchase-form');
	await expect(form.getByRole('button', { name: /绿源粮油/ })).toBeVisible();
	await page.context().setOffline(true);

	// The first delivery of this oil: the camera reads the barcode (check digit 2 added by the printer) and keeps scanning.
	await form.getByRole('button', { name: '用摄像头扫描票据二维码或商品条码' }).click();
	await expect(page.getByTestId('scan-result')).toContainText('商品条码 6901234567892：第一次进这种货', { timeout: 15_000 });
	await expect(page.getByTestId('scan-preview')).toBeVisible();
	await form.getByRole('button', { name: '停止扫描' }).click();
	const line = form.getByTestId('purchase-line');
	await expect(line).toHaveCount(1);
	await expect(line.getByTestId('line-barcode')).toHaveText('条码 6901234567892');
	await expect(line.getByLabel('品名')).toHaveValue('');
	await form.getByRole('button', { name: /绿源粮油/ }).click();
	await line.getByLabel('品名').fill('菜籽油');
	await line.getByLabel('规格').fill('5L/桶');
	await line.getByLabel('数量').fill('2');
	await line.getByLabel('单位').fill('桶');
	await line.getByLabel('类别').selectOption('grain_oil');
	await line.getByLabel('生产日期').fill(chinaDate(-30));
	await line.getByLabel('保质期（天）').fill('540');
	const documents = async (number: string) => {
		for (const kind of ['供货者许可证', '产品合格证明']) await form.getByTestId('purchase-document').filter({ hasText: kind }).getByRole('textbox').fill(`${kind}-${number}`);
	};
	await documents('001');
	await form.getByRole('button', { name: '保存验收记录' }).click();
	await expect(page.getByTestId('purchase')).toContainText('菜籽油 2桶');

	// The next delivery: a photo of the same barcode proposes the oil as it came last time, without
	// that delivery's quantity or dates, and does not take the place of the delivery note's photo.
	await form.locator('input[name="ticket"]').setInputFiles(png);
	await expect(page.getByTestId('scan-result')).toContainText('商品条码 6901234567892：菜籽油，已按上次进货填写');
	await expect(line.getByLabel('品名')).toHaveValue('菜籽油');
	await expect(line.getByLabel('规格')).toHaveValue('5L/桶');
	await expect(line.getByLabel('单位')).toHaveValue('桶');
	await expect(line.getByLabel('类别')).toHaveValue('grain_oil');
	await expect(line.getByLabel('保质期（天）')).toHaveValue('540');
	await expect(line.getByLabel('数量')).toHaveValue('');
	await expect(line.getByLabel('生产日期')).toHaveValue('');
	await expect(form.getByTestId('photo-preview')).toHaveCount(0);
	// Scanned twice by mistake: still one line.
	await form.locator('input[name="ticket"]').setInputFiles(png);
	await expect(page.getByTestId('scan-result')).toContainText('已在第 1 种，不重复添加');
	await expect(line).toHaveCount(1);
	await line.getByLabel('数量').fill('3');
	await line.getByLabel('生产日期').fill(chinaDate(-10));
	// The same supplier's e-ticket for the rest of the delivery: its item is added, the oil typed in stays.
	const qr = testInfo.outputPath('ticket.png');
	const rice = { name: '大米', spec: '25kg/袋', quantity: 4, unit: '袋', category: 'grain_oil', production_date: chinaDate(-20), shelf_life_days: '12个月' };
	await QRCode.toFile(qr, JSON.stringify({ supplier: { credit_code: '91360000MA00000001' }, items: [rice] }), { width: 480, margin: 4 });
	await form.locator('input[name="ticket"]').setInputFiles(qr);
	await expect(page.getByTestId('scan-result')).toContainText('已从二维码读取：绿源粮油，1 种货品');
	await expect(line).toHaveCount(2);
	await expect(line.nth(0).getByLabel('品名')).toHaveValue('菜籽油');
	await expect(line.nth(0).getByLabel('数量')).toHaveValue('3');
	await expect(line.nth(1).getByLabel('品名')).toHaveValue('大米');
	await documents('002');
	await form.getByRole('button', { name: '保存验收记录' }).click();
	await expect(page.getByTestId('purchase').filter({ hasText: '菜籽油 3桶、大米 4袋' })).toBeVisible();

	// The barcode travels with the line to the server.
	await page.context().setOffline(false);
	await syncBadge(page).click();
	await expect(syncBadge(page)).toHaveAttribute('data-waiting', '0', { timeout: 20_000 });
	const received = await canteen.admin.collection('purchases').getFullList({ filter: `canteen = "${canteen.canteen.id}"` });
	expect(received.map((purchase) => purchase.lines.map((l: { name: string; quantity: number; barcode?: string }) => `${l.name} ${l.quantity} ${l.barcode}`)).sort()).toEqual([
		['菜籽油 2 6901234567892'],
		['菜籽油 3 6901234567892', '大米 4 undefined']
	]);
	await browser.close();
});
