import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import QRCode from 'qrcode';
import { addMonthsTo } from '../../app/lib/domain';
import { signInAsAdministrator, openAdminPage } from './admin';
import { chinaDate, createCanteenWithStaff, createKioskCode, startTestServer, type CanteenFixture, type TestServer } from '../fixtures/server';
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

test('a pork delivery offline: expired goods and a missing ASF report are refused keeping what was typed; the administrator sees the record with its retention date', async ({ page, browser }) => {
	const admin = await browser.newPage();
	await signInAsAdministrator(admin, { url: server.server.url, ...canteen.adminCredentials });
	await openAdminPage(admin, '供应商与追溯');
	await admin.getByRole('button', { name: '添加供货者' }).click();
	const supplier = admin.getByTestId('supplier-form');
	await supplier.getByLabel('单位名称').fill('示范县鲜肉配送有限公司');
	await supplier.getByLabel('统一社会信用代码').fill('91360000MA00000000');
	await supplier.getByLabel('食品经营许可证编号').fill('JY13601000000001');
	await supplier.getByLabel('许可证有效期至').fill(chinaDate(200));
	await supplier.getByLabel('联系人').fill('孙经理');
	await supplier.getByLabel('电话').fill('13800000001');
	await supplier.getByLabel('地址').fill('示范县屠宰场路 1 号');
	await supplier.getByRole('button', { name: '保存供货者' }).click();
	await expect(admin.getByTestId('suppliers')).toContainText('示范县鲜肉配送有限公司');

	await enrolAndChooseChecker(page, { url: server.server.url, code: await createKioskCode(canteen), checker: '王建国' });
	await page.getByRole('link', { name: '进货查验', exact: true }).click();
	const form = page.getByTestId('purchase-form');
	await expect(form.getByRole('button', { name: /示范县鲜肉配送有限公司/ })).toBeVisible();
	await page.context().setOffline(true);
	await form.getByRole('button', { name: /示范县鲜肉配送有限公司/ }).click();
	const line = form.getByTestId('purchase-line');
	await line.getByLabel('品名').fill('猪后腿肉');
	await line.getByLabel('规格').fill('散装');
	await line.getByLabel('数量').fill('20');
	await line.getByLabel('单位').fill('kg');
	await line.getByLabel('类别').selectOption('pork');
	await line.getByLabel('生产日期').fill(chinaDate(-5));
	await line.getByLabel('保质期（天）').fill('3');
	for (const kind of ['供货者许可证', '产品合格证明', '动物检疫合格证明', '肉品品质检验合格证']) {
		await form.getByTestId('purchase-document').filter({ hasText: kind }).getByRole('textbox').fill(`${kind}-001`);
	}
	await form.getByRole('button', { name: '保存验收记录' }).click();
	await expect(line.getByRole('alert')).toContainText('不得收货');
	await expect(form.getByTestId('purchase-document').filter({ hasText: '非洲猪瘟检测报告' })).toBeVisible();
	await expect(form.getByRole('alert').filter({ hasText: '缺少随货证明文件' })).toBeVisible();
	await expect(line.getByLabel('品名')).toHaveValue('猪后腿肉');

	await line.getByLabel('生产日期').fill(chinaDate());
	// The ASF report is on the photographed delivery note.
	await form.locator('input[name="photo"]').setInputFiles(fileURLToPath(new URL('../../static/icon-512.png', import.meta.url)));
	await form.getByTestId('purchase-document').filter({ hasText: '非洲猪瘟检测报告' }).getByLabel('见照片').check();
	await form.getByRole('button', { name: '保存验收记录' }).click();
	const saved = page.getByTestId('purchase');
	await expect(saved).toContainText('猪后腿肉 20kg');
	await expect(saved).toContainText('猪后腿肉 将于');
	await expect(syncBadge(page)).toHaveAttribute('data-waiting', '2');

	await page.context().setOffline(false);
	await syncBadge(page).click();
	await expect(syncBadge(page)).toHaveAttribute('data-waiting', '0', { timeout: 20_000 });
	await openAdminPage(admin, '今日');
	await admin.getByRole('button', { name: '刷新' }).click();
	const row = admin.getByTestId('admin-purchases').getByRole('row').filter({ hasText: '示范县鲜肉配送有限公司' });
	await expect(row).toContainText('猪后腿肉 散装 20kg');
	await expect(row).toContainText('非洲猪瘟检测报告 见照片');
	// Rule 22: kept until six months after the pork's shelf life ends.
	await expect(row).toContainText(addMonthsTo(chinaDate(3), 6));
	await expect(row.getByRole('img')).toBeVisible();

	// Traceability: from the supplier to what was bought, from today's meals to the week's deliveries.
	await openAdminPage(admin, '供应商与追溯');
	const trace = admin.getByTestId('traceability');
	await trace.getByLabel('从供货者查：全部进货').selectOption({ label: '示范县鲜肉配送有限公司' });
	await expect(admin.getByTestId('trace-results')).toContainText('猪后腿肉 20kg');
	await trace.getByRole('button', { name: '查此前 7 天收的货' }).click();
	await expect(admin.getByTestId('trace-results')).toContainText('示范县鲜肉配送有限公司');
	await admin.close();
});

test('a delivery read from the QR code of an e-ticket photo, offline, without any request leaving the app', async ({ page }, testInfo) => {
	const supplier = await canteen.admin.collection('suppliers').create({
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
	const ticket = {
		supplier: { name: '绿源粮油', credit_code: '91360000MA00000001' },
		date: chinaDate(),
		items: [
			{ name: '大米', spec: '25kg/袋', quantity: 4, unit: '袋', category: 'grain_oil', production_date: chinaDate(-30), shelf_life_days: '12个月' },
			{ name: '菜籽油', spec: '5L/桶', quantity: 2, unit: '桶', category: 'grain_oil', batch: 'Y2026-10', expiry_date: chinaDate(400) }
		]
	};
	const photo = testInfo.outputPath('ticket.png');
	// Error correction M, the usual level: zxing 0.23 finds this code (version 15) only on a smaller copy.
	await QRCode.toFile(photo, JSON.stringify(ticket), { width: 600, margin: 4, errorCorrectionLevel: 'M' });

	await enrolAndChooseChecker(page, { url: server.server.url, code: await createKioskCode(canteen), checker: '王建国' });
	await page.getByRole('link', { name: '进货查验', exact: true }).click();
	await expect(page.getByTestId('purchase-form').getByRole('button', { name: /绿源粮油/ })).toBeVisible();
	await page.context().setOffline(true);
	const requests: string[] = [];
	page.on('request', (request) => requests.push(request.url()));

	const form = page.getByTestId('purchase-form');
	await form.locator('input[name="ticket"]').setInputFiles(photo);
	await expect(page.getByTestId('scan-result')).toContainText('已从二维码读取：绿源粮油，2 种货品');
	await expect(form.getByRole('button', { name: /绿源粮油/ })).toHaveAttribute('aria-pressed', 'true');
	const lines = form.getByTestId('purchase-line');
	await expect(lines).toHaveCount(2);
	await expect(lines.nth(0).getByLabel('品名')).toHaveValue('大米');
	await expect(lines.nth(1).getByLabel('批号')).toHaveValue('Y2026-10');
	// The cook corrects what the ticket got wrong.
	await lines.nth(0).getByLabel('数量').fill('5');
	for (const kind of ['供货者许可证', '产品合格证明']) {
		await form.getByTestId('purchase-document').filter({ hasText: kind }).getByRole('textbox').fill(`${kind}-002`);
	}
	await form.getByRole('button', { name: '保存验收记录' }).click();
	await expect(page.getByTestId('purchase')).toContainText('大米 5袋、菜籽油 2桶');
	expect(requests.filter((url) => !url.startsWith(server.server.url) && !url.startsWith('blob:') && !url.startsWith('data:'))).toEqual([]);
	expect(supplier.id).toBeTruthy();
});
