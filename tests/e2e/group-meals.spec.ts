import { expect, test } from '@playwright/test';
import { openAdminPage, signedInPage } from './admin';
import { chinaDate, createCanteenWithStaff, createUser, startTestServer, type CanteenFixture, type TestServer } from '../fixtures/server';

let server: TestServer;
let canteen: CanteenFixture;

test.beforeEach(async () => {
	server = await startTestServer();
	canteen = await createCanteenWithStaff(server, { name: '和平饭店', staff: { 陈静: {} }, district: '640104' });
	await server.superuser.collection('canteens').update(canteen.canteen.id, { type: 'restaurant' });
});

test.afterEach(async () => {
	await server.dispose();
});

test('a restaurant registers a wedding banquet beforehand; the district’s regulator sees it listed (聚餐登记)', async ({ browser }) => {
	const manager = await signedInPage(browser, { url: server.server.url, ...canteen.adminCredentials });
	await openAdminPage(manager, '聚餐登记');
	const form = manager.getByTestId('group-meal-form');
	await expect(form).toContainText('50 人及以上的聚餐须提前登记；超过 100 人须留样');
	await form.getByLabel('日期').fill(chinaDate(5));
	await form.getByLabel('就餐人数').fill('180');
	await form.getByLabel('聚餐事由').fill('婚宴');
	await form.getByLabel('组织者', { exact: true }).fill('张先生');
	await form.getByLabel('组织者电话').fill('138 0000 0000');
	await form.getByLabel('菜单').fill('红烧肉\n清蒸鱼');
	await form.getByLabel('主厨').fill('王建国');
	// Over 100 diners without samples: refused, and nothing typed is lost.
	await form.getByLabel('留样').uncheck();
	await form.getByRole('button', { name: '登记聚餐' }).click();
	await expect(form.getByRole('alert')).toContainText('超过 100 人的聚餐必须留样');
	await expect(form.getByLabel('聚餐事由')).toHaveValue('婚宴');
	await form.getByLabel('留样').check();
	await form.getByRole('button', { name: '登记聚餐' }).click();
	await expect(manager.getByTestId('group-meal-saved')).toBeVisible();
	await expect(manager.getByTestId('group-meal')).toContainText('婚宴');
	await manager.context().close();

	const { credentials } = await createUser(server, { role: 'regulator', district: '640104' });
	const regulator = await signedInPage(browser, { url: server.server.url, ...credentials });
	await openAdminPage(regulator, '聚餐登记');
	await expect(regulator.getByTestId('group-meal-form')).toHaveCount(0);
	await expect(regulator.getByTestId('group-meal')).toContainText('和平饭店');
	await expect(regulator.getByTestId('group-meal')).toContainText('180');
	await regulator.context().close();
});
