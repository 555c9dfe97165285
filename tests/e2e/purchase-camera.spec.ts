// The kitchen tablet's camera pointed at an e-ticket: Chromium's fake camera plays a video of the
// ticket's QR code (made with ffmpeg, which stands in for real cameras throughout the tests).
import { execFileSync } from 'node:child_process';
import { chromium, expect, test } from '@playwright/test';
import QRCode from 'qrcode';
import { chinaDate, createCanteenWithStaff, createKioskCode, startTestServer, type CanteenFixture, type TestServer } from '../fixtures/server';
import { enrolAndChooseChecker } from './kitchen';

let server: TestServer;
let canteen: CanteenFixture;

test.beforeEach(async () => {
	server = await startTestServer();
	canteen = await createCanteenWithStaff(server, { name: '实验小学食堂', staff: { 王建国: {} } });
});

test.afterEach(async () => {
	await server.dispose();
});

test('the camera reads the ticket QR code by itself and stops; supplier and items are proposed', async ({}, testInfo) => {
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
	const png = testInfo.outputPath('ticket.png');
	const video = testInfo.outputPath('ticket.y4m');
	const ticket = { supplier: { credit_code: '91360000MA00000001' }, items: [{ name: '面粉', spec: '25kg/袋', quantity: 2, unit: '袋', batch: 'F1101', shelf_life_days: '6个月' }] };
	await QRCode.toFile(png, JSON.stringify(ticket), { width: 480, margin: 4, errorCorrectionLevel: 'L' });
	execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-loop', '1', '-i', png, '-t', '3', '-r', '10', '-vf', 'pad=640:480:(ow-iw)/2:0:white,format=yuv420p', video]);

	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${video}`]
	});
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
