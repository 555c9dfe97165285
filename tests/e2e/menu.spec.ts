import { expect, test } from '@playwright/test';
import { openAdminPage, signedInPage } from './admin';
import { chinaDate, createCanteenWithStaff, createKioskCode, startTestServer, type CanteenFixture, type TestServer } from '../fixtures/server';
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

test('a school’s weekly menu refuses a banned dish by name, and proposes its dishes when the kitchen closes a meal (rule 32)', async ({ page, browser }) => {
	await page.clock.setFixedTime(new Date(`${chinaDate()}T12:30:00+08:00`));
	const admin = await signedInPage(browser, { url: server.server.url, ...canteen.adminCredentials });
	await openAdminPage(admin, '食谱');
	const editor = admin.getByTestId('menu-editor');
	const lunch = editor.locator(`[data-day="${chinaDate()}"]`).getByLabel('午餐');
	await lunch.fill('红烧肉 100g\n干煸四季豆 80g\n番茄炒蛋 80g');
	await editor.getByRole('button', { name: '保存本周食谱' }).click();
	await expect(editor.getByRole('alert')).toContainText('干煸四季豆：学校、幼儿园食堂不得加工四季豆等豆角');
	await expect(lunch).toHaveValue('红烧肉 100g\n干煸四季豆 80g\n番茄炒蛋 80g');
	await lunch.fill('红烧肉 100g\n番茄炒蛋 80g');
	await editor.getByRole('button', { name: '保存本周食谱' }).click();
	await expect(admin.getByTestId('menu-saved')).toBeVisible();
	await admin.context().close();

	// The tablet gets the menu with its first sync; lunch's dishes are proposed when lunch is closed.
	await enrolAndChooseChecker(page, { url: server.server.url, code: await createKioskCode(canteen), checker: '李秀英' });
	await page.getByRole('link', { name: '留样', exact: true }).click();
	const sample = page.getByTestId('sample-form');
	await sample.getByRole('button', { name: '午餐' }).click();
	await sample.getByLabel('菜品').fill('红烧肉');
	await sample.getByLabel('重量（克）').fill('150');
	await sample.getByRole('button', { name: '保存留样' }).click();

	const closure = page.getByTestId('meal-closure-form');
	await closure.getByRole('button', { name: '午餐' }).click();
	await expect(closure.getByTestId('planned-dishes')).toContainText('番茄炒蛋');
	await expect(closure).toContainText('未留样：番茄炒蛋');
	// It was not served after all: tapped off, nothing is missing.
	await closure.getByTestId('planned-dishes').getByRole('button', { name: '番茄炒蛋' }).click();
	await expect(closure).not.toContainText('未留样');
	await closure.getByRole('button', { name: '确认本餐留样完成' }).click();
	await expect(page.getByTestId('meal-closure')).toContainText('午餐留样已确认：1 道菜（李秀英）');
	await expect(syncBadge(page)).toHaveAttribute('data-waiting', '0', { timeout: 20_000 });
});
