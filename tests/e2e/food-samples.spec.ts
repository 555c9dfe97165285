import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { signInAsAdministrator } from './admin';
import { createCanteenWithStaff, createKioskCode, startTestServer, type CanteenFixture, type TestServer } from '../fixtures/server';
import { enrolAndChooseChecker, syncBadge } from './kitchen';

let server: TestServer;
let canteen: CanteenFixture;

test.beforeEach(async () => {
	server = await startTestServer();
	canteen = await createCanteenWithStaff(server, { name: '实验小学食堂', staff: { 李秀英: {}, 王建国: {} } });
});

test.afterEach(async () => {
	await server.dispose();
});

test('a cook keeps a sample of each dish offline, a too-light one is refused, the label carries the record, the administrator sees them', async ({ page, context, browser }) => {
	await enrolAndChooseChecker(page, { url: server.server.url, code: await createKioskCode(canteen), checker: '李秀英' });
	await page.getByRole('link', { name: '留样', exact: true }).click();
	await context.setOffline(true);

	const form = page.getByTestId('sample-form');
	await form.getByRole('button', { name: '午餐' }).click();
	await form.getByLabel('菜品').fill('红烧肉');
	await form.getByLabel('重量（克）').fill('124');
	await form.getByRole('button', { name: '保存留样' }).click();
	// BLOCK: refused with the reason, and nothing typed is lost.
	await expect(form.getByRole('alert')).toContainText('留样 124 克不足 125 克');
	await expect(form.getByLabel('菜品')).toHaveValue('红烧肉');
	await form.getByLabel('重量（克）').fill('150');
	// A photo of the sealed container, kept offline with the sample.
	await form.locator('input[name="photo"]').setInputFiles(fileURLToPath(new URL('../../static/icon-512.png', import.meta.url)));
	await expect(form.getByTestId('photo-preview')).toBeVisible();
	await form.getByRole('button', { name: '保存留样' }).click();
	await expect(page.getByTestId('sample-saved')).toContainText('红烧肉');
	// The label for the container, with the record's QR code.
	await expect(page.getByTestId('sample-label')).toContainText('红烧肉');
	await expect(page.getByTestId('sample-label').getByRole('img')).toBeVisible();
	await expect(page.getByTestId('sample').filter({ hasText: '红烧肉' })).toHaveAttribute('data-state', 'keeping');
	await expect(page.getByTestId('sample').filter({ hasText: '红烧肉' }).getByRole('button', { name: '处置' })).toHaveCount(0);
	await expect(syncBadge(page)).toHaveAttribute('data-waiting', '2');

	await context.setOffline(false);
	await syncBadge(page).click();
	await expect(syncBadge(page)).toHaveAttribute('data-waiting', '0', { timeout: 20_000 });
	const stored = await server.superuser.collection('food_samples').getFullList();
	expect(stored.map((s) => [s.dish, s.weight_g, s.taken_by, s.meal])).toEqual([['红烧肉', 150, '李秀英', 'lunch']]);

	const admin = await browser.newPage();
	await signInAsAdministrator(admin, { url: server.server.url, ...canteen.adminCredentials });
	await expect(admin.getByTestId('admin-samples')).toContainText('红烧肉');
	await expect(admin.getByTestId('admin-samples')).toContainText('150 g');
	await expect(admin.getByRole('img', { name: '红烧肉 的留样照片' })).toBeVisible();
	await admin.close();

	// A sample entered by mistake is voided with a reason; it stays listed, marked.
	const row = page.getByTestId('sample').filter({ hasText: '红烧肉' });
	await row.getByRole('button', { name: '作废这条记录（需填写原因）' }).click();
	await row.getByLabel('作废原因').fill('菜名录错');
	await row.getByRole('button', { name: '确认作废' }).click();
	await expect(row).toHaveAttribute('data-state', 'voided');
	await expect(row).toContainText('已作废：菜名录错（李秀英）');
	await expect(syncBadge(page)).toHaveAttribute('data-waiting', '0', { timeout: 20_000 });
	expect((await server.superuser.collection('voids').getFullList()).map((v) => [v.ledger, v.reason])).toEqual([['food_samples', '菜名录错']]);
});

test('a sample written down the next day is marked 补录 on the tablet and for the administrator, on the day it was taken', async ({ page, browser }) => {
	await enrolAndChooseChecker(page, { url: server.server.url, code: await createKioskCode(canteen), checker: '李秀英' });
	await page.getByRole('link', { name: '留样', exact: true }).click();
	// Taken 26 hours ago (the browser runs on China time, like the canteen).
	const takenAt = new Date(Date.now() - 26 * 3600_000);
	const local = new Date(takenAt.getTime() + 8 * 3600_000).toISOString();
	const form = page.getByTestId('sample-form');
	await form.getByRole('button', { name: '晚餐' }).click();
	await form.getByLabel('菜品').fill('清蒸鱼');
	await form.getByLabel('重量（克）').fill('130');
	await form.getByRole('button', { name: '补录（不是刚刚发生的）' }).click();
	await form.getByLabel('实际发生时间').fill(local.slice(0, 16));
	await form.getByRole('button', { name: '保存留样' }).click();
	const row = page.getByTestId('sample').filter({ hasText: '清蒸鱼' });
	await expect(row.getByTestId('late-mark')).toContainText('补录');
	await expect(syncBadge(page)).toHaveAttribute('data-waiting', '0', { timeout: 20_000 });

	const admin = await browser.newPage();
	await signInAsAdministrator(admin, { url: server.server.url, ...canteen.adminCredentials });
	await expect(admin.getByTestId('admin-samples')).toHaveCount(0);
	await admin.getByLabel('日期').fill(local.slice(0, 10));
	await admin.getByLabel('日期').dispatchEvent('change');
	const sample = admin.getByTestId('admin-samples').getByRole('row').filter({ hasText: '清蒸鱼' });
	await expect(sample.getByTestId('late-mark')).toContainText(/补录（事后 2[56](\.\d)? 小时录入）/);
	await admin.close();
});

test('closing lunch with a dish that was served but not sampled needs a reason; the today screen and the administrator show the exception', async ({ page, browser }) => {
	await enrolAndChooseChecker(page, { url: server.server.url, code: await createKioskCode(canteen), checker: '李秀英' });
	await page.getByRole('link', { name: '留样', exact: true }).click();
	const form = page.getByTestId('sample-form');
	await form.getByRole('button', { name: '午餐' }).click();
	await form.getByLabel('菜品').fill('红烧肉');
	await form.getByLabel('重量（克）').fill('150');
	await form.getByRole('button', { name: '保存留样' }).click();
	await expect(page.getByTestId('sample-saved')).toContainText('红烧肉');

	const closure = page.getByTestId('meal-closure-form');
	await closure.getByRole('button', { name: '午餐' }).click();
	await expect(closure).toContainText('已留样：红烧肉');
	await closure.getByLabel('本餐还供应了哪些菜品没有留样（每行一个）').fill('米饭');
	await expect(closure).toContainText('未留样：米饭');
	await closure.getByRole('button', { name: '确认本餐留样完成' }).click();
	await expect(closure.getByRole('alert')).toContainText('米饭 没有留样：请填写原因和确认人');
	await closure.getByLabel('未留样的原因').fill('米饭为外购成品，已留存索证');
	await closure.getByLabel('确认人').fill('王建国');
	await closure.getByRole('button', { name: '确认本餐留样完成' }).click();
	await expect(page.getByTestId('meal-closure')).toContainText('午餐留样已确认：2 道菜（李秀英）');
	await expect(page.getByTestId('meal-closure')).toHaveAttribute('data-warned', 'true');
	await expect(syncBadge(page)).toHaveAttribute('data-waiting', '0', { timeout: 20_000 });
	await page.getByRole('link', { name: '返回' }).first().click();
	await expect(page.locator('[data-testid="due"][data-ledger="food_samples"][data-meal="lunch"]')).toHaveAttribute('data-state', 'exception');

	const admin = await browser.newPage();
	await signInAsAdministrator(admin, { url: server.server.url, ...canteen.adminCredentials });
	await expect(admin.getByTestId('admin-meal-closures')).toContainText('未留样：米饭：米饭为外购成品，已留存索证（王建国）');
	await admin.close();
});
