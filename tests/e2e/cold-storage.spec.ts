import { expect, test } from '@playwright/test';
import { signInAsAdministrator } from './admin';
import { createCanteenWithStaff, createKioskCode, startTestServer, type CanteenFixture, type TestServer } from '../fixtures/server';
import { enrolAndChooseChecker, syncBadge } from './kitchen';

let server: TestServer;
let canteen: CanteenFixture;

test.beforeEach(async () => {
	server = await startTestServer();
	canteen = await createCanteenWithStaff(server, { name: '敬老院食堂', staff: { 陈静: {}, 王建国: {} } });
});

test.afterEach(async () => {
	await server.dispose();
});

test('fridge and freezer readings: in range saves at once, a warm freezer needs the corrective action; the administrator sees both', async ({ page, browser }) => {
	await enrolAndChooseChecker(page, { url: server.server.url, code: await createKioskCode(canteen), checker: '陈静' });
	await page.getByRole('link', { name: '温度', exact: true }).click();
	const fridge = page.locator('[data-testid="cold-unit"][data-unit="冷藏柜"]');
	await fridge.getByLabel('温度（℃）').fill('0');
	await fridge.getByRole('button', { name: '保存读数' }).click();
	await expect(fridge.getByTestId('cold-reading')).toContainText('0 ℃ · 陈静');

	const freezer = page.locator('[data-testid="cold-unit"][data-unit="冷冻柜"]');
	await freezer.getByLabel('温度（℃）').fill('-8');
	await expect(freezer).toContainText('温度 -8 ℃ 高于 -12 ℃');
	await freezer.getByRole('button', { name: '保存读数' }).click();
	await expect(freezer.getByRole('alert').first()).toContainText('请填写纠正措施和确认人');
	await freezer.getByLabel('纠正措施').fill('门未关严，已关好，食品转入备用冷冻柜');
	await freezer.getByLabel('确认人').fill('王建国');
	await freezer.getByRole('button', { name: '保存读数' }).click();
	await expect(freezer.getByTestId('cold-reading')).toHaveAttribute('data-warned', 'true');

	await page.getByRole('link', { name: '返回晨检' }).click();
	await expect(page.locator('[data-testid="due"][data-ledger="cold_readings"]')).toHaveAttribute('data-state', 'exception');
	await expect(syncBadge(page)).toHaveAttribute('data-waiting', '0', { timeout: 20_000 });

	const admin = await browser.newPage();
	await signInAsAdministrator(admin, { url: server.server.url, ...canteen.adminCredentials });
	const table = admin.getByTestId('admin-cold-readings');
	await expect(table).toContainText('冷藏柜');
	await expect(table).toContainText('温度 -8 ℃ 高于 -12 ℃');
	await expect(table).toContainText('门未关严，已关好，食品转入备用冷冻柜（王建国）');
	await admin.close();
	const report = await server.superuser.send('/api/mingchu/ledger/verify', { query: { canteen: canteen.canteen.id, from: '2020-01-01', to: '2099-12-31' } });
	expect(report.problems).toEqual([]);
});
