import { openAdminPage } from './admin';
import { expect, test } from '@playwright/test';
import { createCanteenWithStaff, createKioskCode, startTestServer, type CanteenFixture, type TestServer } from '../fixtures/server';
import { enrolAndChooseChecker } from './kitchen';

let server: TestServer;
let canteen: CanteenFixture;

test.beforeEach(async () => {
	server = await startTestServer();
	canteen = await createCanteenWithStaff(server, { name: '敬老院食堂', staff: { 周师傅: {} } });
});

test.afterEach(async () => {
	await server.dispose();
});

test('an administrator creates a kiosk and the tablet enrols with the code, once', async ({ browser }) => {
	const adminContext = await browser.newContext();
	const admin = await adminContext.newPage();
	await admin.goto(`${server.server.url}/admin`);
	await admin.getByLabel('邮箱').fill(canteen.adminCredentials.email);
	await admin.getByLabel('密码').fill('wrong-password');
	await admin.getByRole('button', { name: '登录' }).click();
	await expect(admin.getByRole('alert')).toContainText('邮箱或密码不正确');
	await admin.getByLabel('密码').fill(canteen.adminCredentials.password);
	await admin.getByRole('button', { name: '登录' }).click();
	await openAdminPage(admin, '平板');

	await admin.getByLabel('平板名称').fill('备餐间平板');
	await admin.getByRole('button', { name: '生成绑定码' }).click();
	const shown = admin.getByTestId('enrol-code');
	await expect(shown.getByRole('img')).toBeVisible();
	const code = (await shown.textContent())?.match(/[A-Z2-9]{4}-[A-Z2-9]{4}/)?.[0];
	expect(code).toBeTruthy();

	// The cook types the code by hand, in lower case.
	const tabletContext = await browser.newContext();
	const tablet = await tabletContext.newPage();
	await tablet.goto(`${server.server.url}/kitchen`);
	await tablet.getByLabel('绑定码').fill(code!.toLowerCase());
	await tablet.getByRole('button', { name: '绑定', exact: true }).click();
	await expect(tablet.getByRole('heading', { name: '敬老院食堂' })).toBeVisible();
	await expect(tablet.getByRole('button', { name: '周师傅' })).toBeVisible();

	await admin.getByRole('button', { name: '刷新' }).click();
	await expect(admin.getByText('备餐间平板 · 已绑定')).toBeVisible();

	// Lost: the administrator switches it off (a second tap confirms), and it says so instead of failing silently.
	const row = admin.getByTestId('kiosk').filter({ hasText: '备餐间平板' });
	await row.getByRole('button', { name: '停用（平板丢失或被盗）' }).click();
	await row.getByRole('button', { name: /确认停用/ }).click();
	await expect(row).toContainText('已停用（不能再登录）');
	await tablet.getByTestId('sync-badge').click();
	await expect(tablet.getByTestId('sync-problem')).toContainText('本平板已被停用或需要重新绑定');

	// A second tablet cannot reuse the code.
	const otherContext = await browser.newContext();
	const other = await otherContext.newPage();
	await other.goto(`${server.server.url}/kitchen?enrol=${code}`);
	await other.getByRole('button', { name: '绑定', exact: true }).click();
	await expect(other.getByRole('alert')).toContainText('绑定码无效或已过期');
	await expect(other.getByLabel('绑定码')).toHaveValue(code!);

	for (const context of [adminContext, tabletContext, otherContext]) await context.close();
});

test('the kiosk speaks English when asked, and remembers it', async ({ page }) => {
	await page.goto(`${server.server.url}/kitchen`);
	await expect(page.getByRole('heading', { name: '绑定本平板' })).toBeVisible();
	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.getByRole('heading', { name: 'Enrol this tablet' })).toBeVisible();
	await page.reload();
	await expect(page.getByRole('heading', { name: 'Enrol this tablet' })).toBeVisible();
});

test('a kitchen tablet left alone goes back to choosing who enters records; a half-filled check is kept', async ({ page }) => {
	// 3 s instead of the default 5 min.
	await server.superuser.collection('canteens').update(canteen.canteen.id, { settings: { kiosk: { idleLockMinutes: 0.05 } } });
	await enrolAndChooseChecker(page, { url: server.server.url, code: await createKioskCode(canteen), checker: '周师傅' });
	await page.getByTestId('sync-badge').click();
	await expect(page.getByTestId('sync-badge')).toContainText('上次同步');

	// In the middle of a check nothing happens, however long the cook takes.
	await page.getByTestId('staff-tile').first().click();
	await page.getByRole('button', { name: '36.5', exact: true }).click();
	await page.waitForTimeout(4500);
	await expect(page.getByRole('button', { name: '36.5', exact: true })).toHaveAttribute('aria-pressed', 'true');
	await page.getByRole('button', { name: '返回' }).click();

	// On the today screen, the tablet locks back to the picker.
	await expect(page.getByText('检查人: 周师傅')).toBeVisible();
	await expect(page.getByRole('heading', { name: '请选择检查人' })).toBeVisible({ timeout: 10_000 });
});
