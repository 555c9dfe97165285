import { expect, test, type Locator } from '@playwright/test';
import { signInAsAdministrator, openAdminPage } from './admin';
import { createWasteCollector } from '../../server/provision.mjs';
import { chinaDate, createCanteenWithStaff, createKioskCode, startTestServer, type CanteenFixture, type TestServer } from '../fixtures/server';
import { enrolAndChooseChecker, syncBadge } from './kitchen';

let server: TestServer;
let canteen: CanteenFixture;

test.beforeEach(async () => {
	server = await startTestServer();
	canteen = await createCanteenWithStaff(server, { name: '实验小学食堂', staff: { 李秀英: {} } });
});

test.afterEach(async () => {
	await server.dispose();
});

/** A receiver signs with a finger: two strokes across the box. */
async function sign(pad: Locator) {
	const box = (await pad.boundingBox())!;
	const page = pad.page();
	for (const y of [0.4, 0.6]) {
		await page.mouse.move(box.x + 30, box.y + box.height * y);
		await page.mouse.down();
		for (let step = 1; step <= 10; step++) await page.mouse.move(box.x + 30 + step * 25, box.y + box.height * (y + (step % 2 ? 0.1 : -0.1)));
		await page.mouse.up();
	}
}

test('the administrator adds a collector; the cook hands waste over offline with the receiver’s signature; an expired contract is blocked', async ({ page, browser }) => {
	await createWasteCollector(canteen.admin, canteen.canteen.id, {
		name: '过期回收站',
		licence_number: '废油回收 2024-001',
		licence_expires: chinaDate(100),
		contract_expires: chinaDate(-3),
		contact: '钱师傅',
		phone: '13800000003'
	});
	const admin = await browser.newPage();
	// A slow school network: the canteen's list arrives a second after signing in. A form opened as soon as
	// its button shows must not be thrown away when the page settles on the canteen.
	await admin.route('**/api/collections/canteens/records**', async (route) => {
		await new Promise((resolve) => setTimeout(resolve, 1000));
		await route.continue();
	});
	await signInAsAdministrator(admin, { url: server.server.url, ...canteen.adminCredentials });
	await openAdminPage(admin, '餐厨收运');
	await admin.getByRole('button', { name: '添加收运单位' }).click();
	const form = admin.getByTestId('collector-form');
	await form.getByLabel('单位名称').fill('绿源再生资源公司');
	await form.getByLabel('许可证编号').fill('餐废收运 2026-017');
	await form.getByRole('button', { name: '保存收运单位' }).click();
	// BLOCK: what is missing is named, and nothing typed is lost.
	await expect(form.getByRole('alert').first()).toContainText('必填');
	await expect(form.getByLabel('单位名称')).toHaveValue('绿源再生资源公司');
	await form.getByLabel('联系人').fill('赵师傅');
	await form.getByLabel('电话').fill('13800000017');
	await form.getByLabel('许可证有效期至').fill(chinaDate(300));
	await form.getByLabel('合同有效期至').fill(chinaDate(20));
	await form.getByRole('button', { name: '保存收运单位' }).click();
	await expect(admin.getByTestId('waste-collectors')).toContainText('合同 ' + chinaDate(20) + ' 到期（还有 20 天）');

	await enrolAndChooseChecker(page, { url: server.server.url, code: await createKioskCode(canteen), checker: '李秀英' });
	await page.getByRole('link', { name: '餐厨废弃物', exact: true }).click();
	const waste = page.getByTestId('waste-form');
	await expect(waste.getByRole('button', { name: /绿源再生资源公司/ })).toBeVisible();
	await page.context().setOffline(true);

	// The collector whose contract ended cannot be chosen, and the tablet says why.
	const expired = waste.getByRole('button', { name: /过期回收站/ });
	await expect(expired).toBeDisabled();
	await expect(expired).toContainText(`合同已于 ${chinaDate(-3)} 到期，不能交接`);

	await waste.getByRole('button', { name: '废弃油脂' }).click();
	await waste.getByLabel('重量（千克）').fill('12.5');
	await waste.getByRole('button', { name: /绿源再生资源公司/ }).click();
	await expect(waste.getByLabel('收运人', { exact: true })).toHaveValue('赵师傅');
	await waste.getByRole('button', { name: '保存交接记录' }).click();
	await expect(waste.getByRole('alert')).toContainText('缺少收运人签名');
	await expect(waste.getByLabel('重量（千克）')).toHaveValue('12.5');

	await sign(waste.getByTestId('signature-pad'));
	await waste.getByRole('button', { name: '保存交接记录' }).click();
	await expect(page.getByTestId('waste-saved')).toContainText('绿源再生资源公司');
	const saved = page.getByTestId('waste-handover');
	await expect(saved).toContainText('废弃油脂 12.5 kg');
	await expect(saved).toContainText(`收运合同 ${chinaDate(20)} 到期（还有 20 天）`);
	await expect(syncBadge(page)).toHaveAttribute('data-waiting', '2');

	await page.context().setOffline(false);
	await syncBadge(page).click();
	await expect(syncBadge(page)).toHaveAttribute('data-waiting', '0', { timeout: 20_000 });
	await page.getByRole('link', { name: '返回' }).first().click();
	await expect(page.locator('[data-testid="due"][data-ledger="waste_handovers"]')).toHaveAttribute('data-state', 'done');

	await openAdminPage(admin, '今日');
	await admin.getByRole('button', { name: '刷新' }).click();
	const row = admin.getByTestId('admin-waste').getByRole('row').filter({ hasText: '绿源再生资源公司' });
	await expect(row).toContainText('12.5 kg');
	await expect(row).toContainText('赵师傅（李秀英）');
	const signature = row.getByRole('img', { name: '收运人签名' });
	await expect(signature).toBeVisible();
	expect(await signature.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(100);
	await admin.close();
});
