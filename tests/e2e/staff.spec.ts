import { expect, test } from '@playwright/test';
import { signInAsAdministrator } from './admin';
import { chinaDate, createCanteenWithStaff, createKioskCode, startTestServer, type CanteenFixture, type TestServer } from '../fixtures/server';
import { enrolAndChooseChecker, tile } from './kitchen';

let server: TestServer;
let canteen: CanteenFixture;

test.beforeEach(async () => {
	server = await startTestServer();
	canteen = await createCanteenWithStaff(server, { name: '第一中学食堂', staff: { 王建国: { role: '厨师长' } } });
});

test.afterEach(async () => {
	await server.dispose();
});

test('an administrator adds a cook whose certificate is about to expire; the kiosk warns about it', async ({ browser }) => {
	const tabletContext = await browser.newContext();
	const tablet = await tabletContext.newPage();
	await enrolAndChooseChecker(tablet, { url: server.server.url, code: await createKioskCode(canteen), checker: '王建国' });

	const adminContext = await browser.newContext();
	const admin = await adminContext.newPage();
	await signInAsAdministrator(admin, { url: server.server.url, ...canteen.adminCredentials });

	await admin.getByRole('button', { name: '添加员工' }).click();
	const form = admin.getByTestId('staff-form');
	await form.getByLabel('姓名').fill('孙丽');
	await form.getByLabel('岗位').fill('配餐员');
	await form.getByLabel('健康证编号').fill('健2025-0311');
	await form.getByLabel('发证日期').fill(chinaDate(-360));
	// A typing mistake is caught, and nothing typed is lost.
	await form.getByLabel('有效期至').fill(chinaDate(-400));
	await form.getByRole('button', { name: '保存' }).click();
	await expect(form.getByRole('alert')).toContainText('有效期不能早于发证日期');
	await expect(form.getByLabel('健康证编号')).toHaveValue('健2025-0311');
	await form.getByLabel('有效期至').fill(chinaDate(5));
	await form.getByRole('button', { name: '保存' }).click();

	await expect(admin.getByTestId('staff-form')).toHaveCount(0);
	await expect(admin.getByTestId('staff-table')).toContainText('孙丽');
	await expect(admin.getByTestId('expiring-certificates')).toContainText('孙丽');
	await expect(admin.getByTestId('expiring-certificates')).toContainText('还剩 5 天');

	// The tablet picks the new cook up at its next sync, warning included.
	await tablet.getByTestId('sync-badge').click();
	await expect(tile(tablet, '孙丽')).toContainText('健康证将于');

	// Someone who left no longer appears on the tablet.
	await admin.getByTestId('staff-table').getByRole('row', { name: /孙丽/ }).getByRole('button', { name: '修改' }).click();
	await admin.getByTestId('staff-form').getByLabel('在岗').uncheck();
	await admin.getByTestId('staff-form').getByRole('button', { name: '保存' }).click();
	await expect(admin.getByTestId('staff-table')).toContainText('孙丽 (已离岗)');
	await tablet.getByTestId('sync-badge').click();
	await expect(tile(tablet, '孙丽')).toHaveCount(0);

	await adminContext.close();
	await tabletContext.close();
});
