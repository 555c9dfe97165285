import { expect, test, type Page } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import { chinaDate, createCanteenWithStaff, createKioskCode, startTestServer, type CanteenFixture, type TestServer } from '../fixtures/server';
import { renderNote, type DeliveryNote, type NoteLine } from '../fixtures/delivery-notes';
import { renderTicket, sampleTicket, type TicketCondition, type TicketItem, type TicketLayout } from '../fixtures/tickets';
import { enrolAndChooseChecker, syncBadge } from './kitchen';

let server: TestServer;
let canteen: CanteenFixture;

test.beforeEach(async () => {
	server = await startTestServer();
	canteen = await createCanteenWithStaff(server, { name: '实验小学食堂', staff: { 王建国: {} } });
	await canteen.admin.collection('suppliers').create({
		canteen: canteen.canteen.id,
		name: '示范县鲜肉配送有限公司',
		credit_code: '91360000MA00000000',
		licence_number: 'JY13601000000001',
		licence_expires: chinaDate(300),
		contact: '孙经理',
		phone: '13800000001',
		address: '示范县屠宰场路 1 号',
		categories: ['pork', 'other'],
		active: true
	});
});

test.afterEach(async () => {
	await server.dispose();
});

/** Enrols a kiosk, opens the purchases page and waits until both OCR engines are cached on it. */
async function kioskWithOcr(page: Page) {
	await enrolAndChooseChecker(page, { url: server.server.url, code: await createKioskCode(canteen), checker: '王建国' });
	await page.getByRole('link', { name: '进货查验', exact: true }).click();
	// The download starts by itself 10 s after enrolment and shows its progress (for well under a second
	// from a local server: watched every frame).
	await page.waitForFunction(() => document.querySelector('[data-testid="ocr-engines"]')?.textContent?.includes('正在下载'), null, { polling: 'raf', timeout: 30_000 });
	await expect(page.getByTestId('ocr-engines')).toContainText('可离线识别：轻量识别、精确识别', { timeout: 60_000 });
}

async function ticketPhoto(testInfo: { outputPath: (name: string) => string }, page: Page, layout: TicketLayout, condition: TicketCondition) {
	const file = testInfo.outputPath(`${layout}-${condition}.png`);
	await writeFile(file, await renderTicket(page.context().browser()!, sampleTicket(chinaDate()), layout, condition));
	return file;
}

/** The sample delivery printed as a generated note of `layout`, photographed under `condition`. */
async function sampleNotePhoto(testInfo: { outputPath: (name: string) => string }, page: Page, { layout, condition, number, lines }: Pick<DeliveryNote, 'layout' | 'condition' | 'number'> & { lines: (line: TicketItem, index: number) => Partial<NoteLine> }) {
	const ticket = sampleTicket(chinaDate());
	const note: DeliveryNote = {
		id: `e2e-${layout}`,
		part: 'tuning',
		layout,
		condition,
		supplier: ticket.supplier,
		receiver: '实验小学食堂',
		delivered_on: ticket.delivered_on,
		number,
		lines: ticket.items.map((item, index) => ({ ...item, price: 10, shelf_life: `${item.shelf_life_days}天`, ...lines(item, index) }))
	};
	const file = testInfo.outputPath(`${layout}.png`);
	await writeFile(file, await renderNote(page.context().browser()!, note));
	return file;
}

test('a delivery note with row numbers and price columns, photographed in low light, is read on the tablet offline, corrected and saved; cancelling keeps the photo; nothing leaves the app', async ({ page }, testInfo) => {
	test.setTimeout(180_000);
	// As a supplier's invoicing software prints it: row numbers, unit price and amount columns (the amount
	// of the pork, 520.00, is the number a reader by line took for its quantity), the receiver and the
	// date on one line, a total row.
	const photo = await sampleNotePhoto(testInfo, page, { layout: 'priced-table', condition: 'low-light', number: 'PS202611200031', lines: (_, index) => ({ price: [26, 21.5, 79][index]! }) });
	await kioskWithOcr(page);
	await page.context().setOffline(true);
	const requests: string[] = [];
	page.on('request', (request) => requests.push(request.url()));
	const form = page.getByTestId('purchase-form');

	// The cook changes their mind while the text is being read: the photo stays, the form stays empty.
	await form.locator('input[name="ticket"]').setInputFiles(photo);
	await form.getByRole('button', { name: '取消识别' }).click();
	await expect(page.getByTestId('scan-result')).toContainText('已取消识别');
	await expect(form.getByTestId('photo-preview')).toBeVisible();
	await expect(form.getByTestId('purchase-line').getByLabel('品名')).toHaveValue('');

	await form.locator('input[name="ticket"]').setInputFiles(photo);
	await expect(page.getByTestId('scan-result')).toContainText('已识别文字（精确识别', { timeout: 60_000 });
	await expect(page.getByTestId('scan-result')).toContainText('示范县鲜肉配送有限公司，3 种货品');
	await expect(form.getByRole('button', { name: /示范县鲜肉配送有限公司/ })).toHaveAttribute('aria-pressed', 'true');
	const lines = form.getByTestId('purchase-line');
	await expect(lines).toHaveCount(3);
	await expect(lines.nth(0).getByLabel('品名')).toHaveValue('猪后腿肉');
	// The quantity column, not the amount (520.00) beside the unit price; the unit from its own column.
	await expect(lines.nth(0).getByLabel('数量')).toHaveValue('20');
	await expect(lines.nth(0).getByLabel('单位')).toHaveValue('kg');
	await expect(lines.nth(0).getByLabel('生产日期')).toHaveValue(chinaDate());
	await expect(lines.nth(1).getByLabel('品名')).toHaveValue('鸡蛋');
	await expect(lines.nth(1).getByLabel('数量')).toHaveValue('6');
	await expect(lines.nth(2).getByLabel('品名')).toHaveValue('大豆油');
	await expect(lines.nth(2).getByLabel('生产日期')).toHaveValue('2026-09-01');
	// The header line is not goods; its date and the note's number are shown for the cook to check.
	await expect(form.getByTestId('ticket-extras')).toContainText(`单据日期 ${chinaDate()}`);
	await expect(form.getByTestId('ticket-extras')).toContainText('单号 PS202611200031');

	// The cook corrects what the note does not say: pork needs its certificates.
	await lines.nth(0).getByLabel('类别').selectOption('pork');
	await lines.nth(1).getByLabel('数量').fill('5');
	// This note prints no shelf life: the cook reads it off the goods.
	for (const [index, days] of ['3', '30', '540'].entries()) await lines.nth(index).getByLabel('保质期（天）').fill(days);
	for (const kind of ['供货者许可证', '产品合格证明', '动物检疫合格证明', '肉品品质检验合格证', '非洲猪瘟检测报告']) {
		await form.getByTestId('purchase-document').filter({ hasText: kind }).getByRole('textbox').fill(`${kind}-003`);
	}
	await form.getByRole('button', { name: '保存验收记录' }).click();
	await expect(page.getByTestId('purchase')).toContainText('猪后腿肉 20kg、鸡蛋 5盒、大豆油 2桶');
	expect(requests.filter((url) => !url.startsWith(server.server.url) && !url.startsWith('blob:') && !url.startsWith('data:'))).toEqual([]);

	await page.context().setOffline(false);
	await syncBadge(page).click();
	await expect(syncBadge(page)).toHaveAttribute('data-waiting', '0', { timeout: 20_000 });
	const saved = await canteen.admin.collection('purchases').getFullList({ filter: `canteen = "${canteen.canteen.id}"` });
	expect(saved).toHaveLength(1);
	expect(saved[0]!.lines.map((line: { name: string; quantity: number }) => `${line.name} ${line.quantity}`)).toEqual(['猪后腿肉 20', '鸡蛋 5', '大豆油 2']);
	// The ticket photo is the record's evidence.
	expect(saved[0]!.photo_sha256).toMatch(/^[0-9a-f]{64}$/);
});

test('the light engine reads a thermal receipt when the cook chooses it', async ({ page }, testInfo) => {
	test.setTimeout(180_000);
	const photo = await ticketPhoto(testInfo, page, 'thermal-receipt', 'clean');
	await kioskWithOcr(page);
	await page.context().setOffline(true);
	const form = page.getByTestId('purchase-form');
	await form.getByRole('button', { name: '用轻量识别' }).click();
	await form.locator('input[name="ticket"]').setInputFiles(photo);
	await expect(page.getByTestId('scan-result')).toContainText('已识别文字（轻量识别', { timeout: 60_000 });
	await expect(form.getByRole('button', { name: /示范县鲜肉配送有限公司/ })).toHaveAttribute('aria-pressed', 'true');
	// All three items are proposed; the light engine misreads 腿 in the first name (bench/), which the
	// cook corrects from the photo.
	const lines = form.getByTestId('purchase-line');
	await expect(lines).toHaveCount(3);
	await expect(lines.nth(1).getByLabel('品名')).toHaveValue('鸡蛋');
	await expect(lines.nth(1).getByLabel('数量')).toHaveValue('6');
	await expect(lines.nth(2).getByLabel('品名')).toHaveValue('大豆油');
});

test("a note with its number as a Code 128 and a product's EAN-13 printed on it: both codes are found, the product adds its line and the note's text is still read", async ({ page }, testInfo) => {
	test.setTimeout(180_000);
	const photo = await sampleNotePhoto(testInfo, page, { layout: 'barcodes-note', condition: 'clean', number: 'PS202611200032', lines: (_, index) => (index === 2 ? { barcode: '690123456789' } : {}) });
	await kioskWithOcr(page);
	await page.context().setOffline(true);
	const form = page.getByTestId('purchase-form');
	await form.locator('input[name="ticket"]').setInputFiles(photo);
	const result = page.getByTestId('scan-result');
	await expect(result).toContainText('已识别文字（精确识别', { timeout: 60_000 });
	// The product barcode: a line of its own (first delivery of it: the barcode only).
	await expect(result).toContainText('商品条码 6901234567892');
	await expect(form.getByTestId('line-barcode')).toContainText('6901234567892');
	// The ticket number's Code 128 is reported, not taken for a product.
	await expect(form.getByTestId('ticket-codes')).toContainText('CODE_128 PS202611200032');
	// The note's goods, read from its text.
	const names = form.getByTestId('purchase-line').getByLabel('品名');
	await expect(names).toHaveCount(4);
	await expect(names.nth(1)).toHaveValue('猪后腿肉');
	await expect(names.nth(3)).toHaveValue('大豆油');
	await expect(form.getByRole('button', { name: /示范县鲜肉配送有限公司/ })).toHaveAttribute('aria-pressed', 'true');
});
