import { expect, test } from '@playwright/test';
import { signInAsAdministrator, openAdminPage } from './admin';
import { createCanteenWithStaff, createKioskCode, registerAdditive, startTestServer, type CanteenFixture, type TestServer } from '../fixtures/server';
import { enrolAndChooseChecker, syncBadge } from './kitchen';

let server: TestServer;
let canteen: CanteenFixture;

test.beforeEach(async () => {
	server = await startTestServer();
	canteen = await createCanteenWithStaff(server, { name: '实验小学食堂', staff: { 刘芳: {} } });
	await registerAdditive(canteen, '食用碱');
});

test.afterEach(async () => {
	await server.dispose();
});

test('additives offline: nitrite is refused keeping what was typed, a complete use is saved and warned about the missing responsible person; the administrator sees it', async ({ page, browser }) => {
	await enrolAndChooseChecker(page, { url: server.server.url, code: await createKioskCode(canteen), checker: '刘芳' });
	await page.getByRole('link', { name: '添加剂', exact: true }).click();
	await page.context().setOffline(true);
	await expect(page.getByTestId('no-keeper')).toContainText('尚未指定食品添加剂专人负责');

	const form = page.getByTestId('additive-form');
	await form.getByLabel('添加剂名称').fill('亚硝酸钠');
	await form.getByLabel('生产日期或批号').fill('20261101');
	await expect(form.getByRole('alert')).toContainText('亚硝酸盐禁止在餐饮服务中采购、贮存和使用');
	// However it is typed (issue 15): traditional characters, full-width letters.
	for (const typed of ['亞硝酸鈉', 'ＮａＮＯ２']) {
		await form.getByLabel('添加剂名称').fill(typed);
		await expect(form.getByRole('alert')).toContainText('亚硝酸盐禁止在餐饮服务中采购、贮存和使用');
	}
	await expect(form.getByRole('button', { name: '保存使用记录' })).toBeDisabled();
	// Not on the canteen's register: refused on the tablet, offline, with what to do about it.
	await form.getByLabel('添加剂名称').fill('小苏打');
	await form.getByLabel('用于哪种食品').fill('碱水面');
	await form.getByLabel('用量').fill('12');
	await form.getByRole('button', { name: '保存使用记录' }).click();
	await expect(form.getByRole('alert')).toContainText('“小苏打”不在本食堂的添加剂备案中');
	await form.getByLabel('用量').fill('');
	// The registered ones are offered, with where they are kept and who is responsible.
	await form.getByRole('button', { name: '食用碱' }).click();
	await expect(form.getByTestId('additive-register-entry')).toContainText('存放：添加剂专柜 · 负责人：王建国');
	await expect(form.getByLabel('生产日期或批号')).toHaveValue('20261101');
	await form.getByRole('button', { name: '保存使用记录' }).click();
	// BLOCK: the amount is missing.
	await expect(form.getByRole('alert')).toContainText('必填');
	await form.getByLabel('用量').fill('12');
	await form.getByRole('button', { name: '保存使用记录' }).click();
	await expect(page.getByTestId('additive-use')).toContainText('食用碱 12 克');
	await expect(syncBadge(page)).toHaveAttribute('data-waiting', '1');

	await page.context().setOffline(false);
	await syncBadge(page).click();
	await expect(syncBadge(page)).toHaveAttribute('data-waiting', '0', { timeout: 20_000 });

	const admin = await browser.newPage();
	await signInAsAdministrator(admin, { url: server.server.url, ...canteen.adminCredentials });
	const row = admin.getByTestId('admin-additives').getByRole('row').filter({ hasText: '碱水面' });
	await expect(row).toContainText('12 克');
	await expect(row).toContainText('刘芳');
	await admin.close();
});

test('a school leader’s accompanied dinner turns the today screen’s 陪餐 to done and reaches the administrator', async ({ page, browser }) => {
	await enrolAndChooseChecker(page, { url: server.server.url, code: await createKioskCode(canteen), checker: '刘芳' });
	const due = page.locator('[data-testid="due"][data-ledger="accompanied_meals"][data-meal="dinner"]');
	await expect(due).not.toHaveAttribute('data-state', 'done');
	await page.getByRole('link', { name: '陪餐', exact: true }).click();
	const form = page.getByTestId('accompanied-meal-form');
	await form.getByRole('button', { name: '晚餐' }).click();
	await form.getByLabel('陪餐人').fill('张校长');
	await form.getByLabel('职务').fill('校长');
	await form.getByLabel('陪餐情况与意见').fill('饭菜温度合适，学生反映米饭偏硬');
	await form.getByRole('button', { name: '保存陪餐记录' }).click();
	await expect(page.getByTestId('accompanied-meal')).toContainText('晚餐 · 张校长');
	await page.getByRole('link', { name: '返回' }).first().click();
	await expect(due).toHaveAttribute('data-state', 'done');
	await expect(syncBadge(page)).toHaveAttribute('data-waiting', '0', { timeout: 20_000 });

	const admin = await browser.newPage();
	await signInAsAdministrator(admin, { url: server.server.url, ...canteen.adminCredentials });
	await expect(admin.getByTestId('admin-accompanied-meals')).toContainText('张校长（校长）');
	await expect(admin.getByTestId('admin-accompanied-meals')).toContainText('米饭偏硬');
	await admin.close();
});

test('the administrator names the person responsible for additives and says the school serves no dinner; the kiosk follows at its next sync', async ({ page, browser }) => {
	await enrolAndChooseChecker(page, { url: server.server.url, code: await createKioskCode(canteen), checker: '刘芳' });
	await expect(page.locator('[data-testid="due"][data-ledger="food_samples"][data-meal="dinner"]')).toHaveCount(1);

	const admin = await browser.newPage();
	await signInAsAdministrator(admin, { url: server.server.url, ...canteen.adminCredentials });
	await openAdminPage(admin, '设置');
	const settings = admin.getByTestId('canteen-settings');
	await settings.getByLabel('晚餐结束时间（不供应则留空）').fill('');
	await settings.getByLabel('餐厨废弃物每日交接截止').fill('8点');
	await settings.getByRole('button', { name: '保存设置' }).click();
	await expect(settings.getByRole('alert')).toContainText('请填写 时:分');
	await settings.getByLabel('餐厨废弃物每日交接截止').fill('19:30');
	await settings.getByLabel('食品添加剂专人负责').fill('王建国');
	await settings.getByRole('button', { name: '保存设置' }).click();
	await expect(settings.getByRole('status')).toContainText('已保存');
	await expect(settings.getByLabel('食品添加剂专人负责')).toHaveValue('王建国');
	await admin.close();

	await syncBadge(page).click();
	await expect(page.locator('[data-testid="due"][data-ledger="food_samples"][data-meal="dinner"]')).toHaveCount(0);
	await page.getByRole('link', { name: '添加剂', exact: true }).click();
	await expect(page.getByText('食品添加剂专人负责：王建国')).toBeVisible();
	await expect(page.getByTestId('no-keeper')).toHaveCount(0);
});

test('the administrator registers the canteen’s additives once; nitrite cannot be registered (添加剂备案)', async ({ browser }) => {
	const admin = await browser.newPage();
	await signInAsAdministrator(admin, { url: server.server.url, ...canteen.adminCredentials });
	await openAdminPage(admin, '供应商与追溯');
	await admin.getByRole('button', { name: '登记添加剂' }).click();
	const form = admin.getByTestId('additive-register-form');
	await form.getByLabel('添加剂名称').fill('亞硝酸鈉');
	for (const [label, value] of [['供应商', '城东调味品批发部'], ['用途', '腌制'], ['存放位置（专柜）', '添加剂专柜'], ['负责人', '王建国']]) await form.getByLabel(label!).fill(value!);
	await form.getByRole('button', { name: '保存' }).click();
	await expect(form.getByRole('alert')).toContainText('亚硝酸盐禁止在餐饮服务中采购、贮存和使用');
	await form.getByLabel('添加剂名称').fill('嫩肉粉');
	await form.getByRole('button', { name: '保存' }).click();
	await expect(admin.getByTestId('additive-register')).toContainText('嫩肉粉');
	await expect(admin.getByTestId('additive-register')).toContainText('食用碱');
	await admin.close();
});
