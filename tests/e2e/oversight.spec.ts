// Oversight in the browser (issue 13): a county regulator scans the district grid; an exclusion saved
// offline on a kitchen tablet becomes an alert that reaches the manager live; the manager answers with
// a photo, the regulator accepts; an alert left open past its due time turns yellow when the server's
// clock says so (moved by the test, not by waiting).
import { expect, test, type Browser } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { openAdminPage, signedInPage } from './admin';
import { createCanteenWithStaff, createKioskCode, createUser, startTestServer, type CanteenFixture, type TestServer } from '../fixtures/server';
import { checkHealthy, enrolAndChooseChecker, syncBadge } from './kitchen';
import { AiCamera, snapshotJpeg } from '../fixtures/ai-camera';

let server: TestServer;
let school: CanteenFixture;
let regulator: { email: string; password: string };

test.beforeEach(async () => {
	server = await startTestServer();
	school = await createCanteenWithStaff(server, { name: '兴庆区实验小学食堂', district: '640104', staff: { 王建国: { role: '厨师长' }, 张伟: { role: '切配' }, 李秀英: { role: '厨师' } } });
	await createCanteenWithStaff(server, { name: '兴庆区第二幼儿园食堂', district: '640104' });
	await createCanteenWithStaff(server, { name: '大武口区养老院食堂', district: '640202' });
	regulator = (await createUser(server, { role: 'regulator', district: '640104', name: '兴庆区市场监管局' })).credentials;
});

test.afterEach(async () => {
	await server.dispose();
});

const signedIn = (browser: Browser, credentials: { email: string; password: string }) => signedInPage(browser, { url: server.server.url, ...credentials });

test('a county regulator scans the district grid and sees no one’s health data', async ({ browser }) => {
	const kiosk = await (await browser.newContext()).newPage();
	await enrolAndChooseChecker(kiosk, { url: server.server.url, code: await createKioskCode(school), checker: '王建国' });
	await checkHealthy(kiosk, '李秀英');
	await expect(syncBadge(kiosk)).toHaveAttribute('data-waiting', '0');

	const page = await signedIn(browser, regulator);
	await expect(page.getByText('监管人员')).toBeVisible();
	const rows = page.getByTestId('grid-row');
	await expect(rows).toHaveCount(2);
	await expect(page.getByTestId('oversight-grid')).not.toContainText('大武口区养老院食堂');
	const schoolRow = rows.filter({ hasText: '兴庆区实验小学食堂' });
	await expect(schoolRow.locator('[data-ledger="morning_checks"]')).toHaveAttribute('data-state', 'done');
	await expect(schoolRow.locator('[data-ledger="food_samples"]')).toHaveAttribute('data-state', 'pending');
	// A week: the days before today had nothing, so the cells turn red.
	await page.getByRole('button', { name: '近 7 天' }).click();
	await expect(schoolRow.locator('[data-ledger="cold_readings"]')).toHaveText('0/6');
	await expect(schoolRow.locator('[data-ledger="morning_checks"]')).toHaveText('1/7');
	// The trends are drawn for a range (ECharts, loaded on this page only).
	await expect(page.getByTestId('trend-completeness').locator('svg')).toBeVisible();
	await expect(page.getByTestId('trend-exceptions').locator('svg')).toBeVisible();
	// The canteen's own pages, and the names of who was checked, are not the regulator's.
	const nav = page.getByRole('navigation', { name: '管理导航' });
	await expect(nav.getByRole('link', { name: '预警' })).toBeVisible();
	await expect(nav.getByRole('link', { name: '人员与健康证' })).toHaveCount(0);
	await expect(page.getByTestId('morning-check-row')).toHaveCount(0);
	await expect(page.locator('main')).not.toContainText('李秀英');
	// A cell leads to that ledger's records of that canteen over the range.
	await schoolRow.locator('[data-ledger="cold_readings"] a').click();
	await expect(page.getByRole('combobox', { name: '台账' })).toHaveValue('cold_readings');
	await expect(page.getByTestId('browser-total')).toHaveText('共 0 条');
});

test('an exclusion saved offline reaches the manager live; answered with a photo, accepted by the regulator; an overdue one turns yellow', async ({ browser }) => {
	const manager = await signedIn(browser, school.adminCredentials);
	await openAdminPage(manager, '预警');
	await expect(manager.getByTestId('no-alerts')).toBeVisible();

	// The kitchen is offline when 张伟 is found with a fever.
	const kiosk = await (await browser.newContext()).newPage();
	await enrolAndChooseChecker(kiosk, { url: server.server.url, code: await createKioskCode(school), checker: '王建国' });
	await kiosk.context().setOffline(true);
	await kiosk.getByTestId('staff-tile').filter({ hasText: '张伟' }).click();
	await kiosk.getByRole('button', { name: '37.5', exact: true }).click();
	await kiosk.getByRole('button', { name: '保存', exact: true }).click();
	await expect(kiosk.getByTestId('check-result')).toContainText('今日不得从事接触直接入口食品的工作');
	await expect(syncBadge(kiosk)).toHaveAttribute('data-waiting', '1');
	await kiosk.context().setOffline(false);
	await expect(syncBadge(kiosk)).toHaveAttribute('data-waiting', '0', { timeout: 20_000 });

	// No reload: the alert arrives on the open page.
	const alert = manager.getByTestId('alert').filter({ hasText: '晨检：人员禁止上岗' });
	await expect(alert).toBeVisible({ timeout: 15_000 });
	await expect(alert).toContainText('二类 · 限期整改');
	await expect(alert).toContainText('发热');
	await alert.getByLabel('整改措施').fill('张伟已调离切配岗位，康复后凭医院证明返岗');
	await alert.getByLabel('整改人').fill('王建国');
	await alert.getByLabel('整改照片（可选）').setInputFiles(fileURLToPath(new URL('../../static/icon-192.png', import.meta.url)));
	await alert.getByRole('button', { name: '提交整改反馈' }).click();
	await expect(alert.getByTestId('alert-state')).toHaveText('已反馈，待验收');
	await expect(alert).toContainText('一类、二类预警由监管部门验收');
	await expect(alert.getByRole('img', { name: '整改照片' })).toBeVisible();

	const county = await signedIn(browser, regulator);
	await openAdminPage(county, '预警');
	const seen = county.getByTestId('alert').filter({ hasText: '晨检：人员禁止上岗' });
	await expect(seen).toContainText('张伟已调离切配岗位');
	await expect(seen.getByTestId('alert-detail')).not.toContainText('张伟');
	await seen.getByRole('button', { name: '验收通过' }).click();
	// Accepted alerts leave the list of open ones; the manager's page drops it live too.
	await expect(seen).toHaveCount(0);
	await expect(alert).toHaveCount(0);
	await manager.getByLabel('只看未办结').uncheck();
	await expect(manager.getByTestId('alert').filter({ hasText: '晨检：人员禁止上岗' }).getByTestId('alert-state')).toHaveText('已办结');
	await manager.getByLabel('只看未办结').check();

	// Another exclusion is left unanswered; the server's clock moves four days on.
	await kiosk.getByTestId('staff-tile').filter({ hasText: '李秀英' }).click();
	await kiosk.getByRole('button', { name: '37.5', exact: true }).click();
	await kiosk.getByRole('button', { name: '保存', exact: true }).click();
	await expect(kiosk.getByTestId('check-result')).toContainText('李秀英');
	await expect(syncBadge(kiosk)).toHaveAttribute('data-waiting', '0', { timeout: 20_000 });
	const late = manager.locator('[data-testid="alert"][data-state="open"]').filter({ hasText: '晨检：人员禁止上岗' });
	await expect(late).toBeVisible({ timeout: 15_000 });
	const [open] = await server.superuser.collection('alerts').getFullList({ filter: 'state = "open"' });
	const due = Date.parse(open!.due_at.replace(' ', 'T'));
	await server.superuser.send('/api/mingchu/alerts/escalate', { method: 'POST', body: { now: new Date(due + 24 * 3600_000).toISOString() } });
	await expect(late.getByTestId('alert-card')).toHaveText('黄牌（逾期）');
	await expect(late).toContainText('逾期未办结：黄牌');

	await openAdminPage(manager, '今日');
	await expect(manager.getByTestId('grid-row').locator('[data-exception="yellow_cards"]')).toHaveText('黄牌 1');
});

test('an AI box’s rodent alarm in the Hikvision ISAPI format reaches the manager live with its snapshot, as 一类', async ({ browser }) => {
	await school.admin.collection('cameras').create({ canteen: school.canteen.id, name: '库房', area: 'storage', rtsp_url: 'rtsp://192.168.1.64:554/ch2', public: false, upstream: false, on_demand: false });
	const { token } = await school.admin.send<{ token: string }>('/api/mingchu/event-devices', { method: 'POST', body: { canteen: school.canteen.id, name: '后厨 AI 盒子', kind: 'ai_camera' } });
	const manager = await signedIn(browser, school.adminCredentials);
	await openAdminPage(manager, '预警');
	await expect(manager.getByTestId('no-alerts')).toBeVisible();

	const dateTime = new Date(Date.now() + 8 * 3600_000 - 60_000).toISOString().slice(0, 19) + '+08:00';
	const posted = await new AiCamera(server.server.url, token).isapi({ eventType: 'mouseDetection', channelID: 2, channelName: '库房', dateTime, picture: snapshotJpeg() });
	expect(posted.status).toBe(201);

	const alert = manager.getByTestId('alert').filter({ hasText: 'AI 识别：老鼠' });
	await expect(alert).toBeVisible({ timeout: 15_000 });
	await expect(alert).toContainText('一类 · 立即处置');
	const snapshot = alert.getByRole('img', { name: '抓拍图片' });
	await expect(snapshot).toBeVisible();
	await expect.poll(() => snapshot.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(320);
});
