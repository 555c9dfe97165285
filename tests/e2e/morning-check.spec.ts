import { expect, test } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { signInAsAdministrator, openAdminPage } from './admin';
import {
	chinaDate,
	createCanteenWithStaff,
	createKioskCode,
	startTestServer,
	type CanteenFixture,
	type TestServer
} from '../fixtures/server';
import { checkAllNormal, checkHealthy, enrolAndChooseChecker, syncBadge, tile } from './kitchen';

let server: TestServer;
let canteen: CanteenFixture;

test.beforeEach(async () => {
	server = await startTestServer();
	canteen = await createCanteenWithStaff(server, {
		name: '实验小学食堂',
		staff: {
			王建国: { role: '厨师长' },
			李秀英: { role: '厨师' },
			张伟: { role: '切配', certificate_expires: chinaDate(10) },
			赵磊: { role: '仓管员', food_contact: false, certificate_number: '' }
		}
	});
});

test.afterEach(async () => {
	await server.dispose();
});

async function serverChecks() {
	return server.superuser.collection('morning_checks').getFullList({ sort: 'checked_at' });
}

test('morning checks are kept offline, survive a reload and reach the administrator exactly once', async ({ page, browser }) => {
	const code = await createKioskCode(canteen);
	await enrolAndChooseChecker(page, { url: server.server.url, code, checker: '王建国' });

	// The certificate expiring in ten days is flagged on the tablet.
	await expect(tile(page, '张伟')).toContainText('健康证将于');

	await checkHealthy(page, '李秀英');
	await expect(page.getByTestId('check-result')).toContainText('可以上岗');
	await expect(syncBadge(page)).toHaveAttribute('data-waiting', '0');
	await expect.poll(async () => (await serverChecks()).length).toBe(1);

	// The kitchen loses the server: recording goes on.
	await server.stop();
	await tile(page, '张伟').click();
	await page.getByRole('button', { name: '37.5', exact: true }).click();
	await page.getByRole('button', { name: '腹泻' }).click();
	await page.getByRole('button', { name: '保存', exact: true }).click();
	const result = page.getByTestId('check-result');
	await expect(result).toContainText('今日不得从事接触直接入口食品的工作');
	await expect(result).toContainText('发热：体温 37.5 ℃');
	await expect(result).toContainText('腹泻');

	// Two taps: the name, then the reading in the all-normal row.
	await checkAllNormal(page, '赵磊', '36.2');
	await expect(syncBadge(page)).toHaveAttribute('data-waiting', '2');
	await expect(syncBadge(page)).toContainText('2 条待上传');

	// Reloaded with no server: the service worker opens the app and every saved check is still there.
	await page.reload();
	await expect(tile(page, '李秀英')).toHaveAttribute('data-outcome', 'fit');
	await expect(tile(page, '张伟')).toHaveAttribute('data-outcome', 'excluded');
	await expect(tile(page, '赵磊')).toHaveAttribute('data-outcome', 'fit');
	await expect(syncBadge(page)).toHaveAttribute('data-waiting', '2');

	// Back online: the queue drains by itself within seconds, and nothing is stored twice.
	await server.restart();
	await expect(syncBadge(page)).toHaveAttribute('data-waiting', '0', { timeout: 20_000 });
	const stored = await serverChecks();
	expect(stored.map((c) => c.staff_name).sort()).toEqual(['张伟', '李秀英', '赵磊'].sort());
	expect(stored.find((c) => c.staff_name === '赵磊')).toMatchObject({ outcome: 'fit', temperature: 36.2, symptoms: [], hands_ok: true, attire_ok: true, jewellery_nails_ok: true });
	const excluded = stored.find((c) => c.staff_name === '张伟');
	expect(excluded?.outcome).toBe('excluded');
	expect(excluded?.findings.map((f: { code: string }) => f.code)).toEqual(
		expect.arrayContaining(['symptom.fever', 'symptom.diarrhoea', 'certificate.expiring'])
	);

	// The administrator, in another browser, sees the day.
	const adminContext = await browser.newContext();
	const admin = await adminContext.newPage();
	await signInAsAdministrator(admin, { url: server.server.url, ...canteen.adminCredentials });
	await expect(admin.getByTestId('morning-check-row')).toHaveCount(3);
	await expect(admin.getByText('已检 3 / 4 人')).toBeVisible();
	await expect(admin.getByTestId('excluded')).toContainText('张伟');
	await expect(admin.getByTestId('excluded')).toContainText('发热：体温 37.5 ℃');
	await expect(admin.getByTestId('expiring-certificates')).toContainText('张伟');
	await expect(admin.getByTestId('expiring-certificates')).not.toContainText('李秀英');

	// A check made now on the tablet appears for the administrator without a reload.
	await checkHealthy(page, '王建国');
	await expect(admin.getByTestId('morning-check-row')).toHaveCount(4);
	await adminContext.close();
});

test('a check the tablet refuses keeps what was typed; one the server refuses stays with its reason', async ({ page, context }) => {
	const code = await createKioskCode(canteen);
	await enrolAndChooseChecker(page, { url: server.server.url, code, checker: '王建国' });
	await expect(syncBadge(page)).toContainText('已同步');

	// BLOCK on the tablet: an impossible reading is refused and the form keeps what was entered.
	await tile(page, '李秀英').click();
	await page.getByRole('button', { name: '咽部炎症' }).click();
	await page.getByLabel('其他读数').fill('55');
	await page.getByRole('button', { name: '保存', exact: true }).click();
	await expect(page.getByRole('alert')).toContainText('体温 55 ℃ 超出可测范围');
	await expect(page.getByRole('button', { name: '咽部炎症' })).toHaveAttribute('aria-pressed', 'true');
	await page.getByRole('button', { name: '返回' }).click();

	// While the tablet is cut off, the server changes: a worker is removed and the canteen narrows
	// its plausible temperature range. The tablet still has the old data.
	await context.setOffline(true);
	// (Administrators mark people as left; only a superuser can delete one, which a kiosk cannot know.)
	await server.superuser.collection('staff').delete(canteen.staff['赵磊']!.id);
	await server.superuser
		.collection('canteens')
		.update(canteen.canteen.id, { settings: { morningCheck: { plausibleTemperatureC: { min: 35, max: 38 } } } });

	await checkHealthy(page, '赵磊');
	await tile(page, '李秀英').click();
	await page.getByLabel('其他读数').fill('38.5');
	await page.getByRole('button', { name: '保存', exact: true }).click();
	await expect(syncBadge(page)).toHaveAttribute('data-waiting', '2');

	await context.setOffline(false);
	await page.getByTestId('sync-badge').click();
	const refused = page.getByTestId('refused-check');
	await expect(refused).toHaveCount(2, { timeout: 20_000 });
	await expect(refused.filter({ hasText: '赵磊' })).toContainText('员工不存在或不属于本食堂');
	await expect(refused.filter({ hasText: '李秀英' })).toContainText('体温 38.5 ℃ 超出可测范围（35–38 ℃）');
	await expect(syncBadge(page)).toHaveAttribute('data-refused', '2');

	// Reloading loses nothing that was refused.
	await page.reload();
	await expect(refused).toHaveCount(2);

	// Void the one that cannot be fixed…
	await refused.filter({ hasText: '赵磊' }).getByRole('button', { name: '作废' }).click();
	await page.getByLabel('作废原因').fill('该员工已离职');
	await page.getByRole('button', { name: '确认作废' }).click();
	await expect(refused).toHaveCount(1);

	// …and fix the other: the server's reason is shown on the field, the corrected check goes through.
	await refused.filter({ hasText: '李秀英' }).getByRole('button', { name: '修改后重新提交' }).click();
	await expect(page.getByRole('alert')).toContainText('超出可测范围');
	await page.getByRole('button', { name: '37.0', exact: true }).click();
	await page.getByRole('button', { name: '全部正常，保存' }).click();
	await expect(page.getByTestId('refused-checks')).toHaveCount(0, { timeout: 20_000 });
	await expect(syncBadge(page)).toHaveAttribute('data-refused', '0');
	await expect(syncBadge(page)).toHaveAttribute('data-waiting', '0', { timeout: 20_000 });

	const stored = await server.superuser.collection('morning_checks').getFullList();
	expect(stored.map((c) => [c.staff_name, c.temperature])).toEqual([['李秀英', 37]]);
	// The correction is a new record (no. 3 of this tablet); both refusals keep their places in its chain.
	expect(stored[0]!.seq).toBe(3);
	const refusals = await server.superuser.collection('refused_submissions').getFullList({ sort: 'seq' });
	expect(refusals.map((r) => r.seq)).toEqual([1, 2]);

	// The administrator sees what was refused and why.
	const admin = await context.browser()!.newPage();
	await signInAsAdministrator(admin, { url: server.server.url, ...canteen.adminCredentials });
	await openAdminPage(admin, '台账');
	const refusedList = admin.getByTestId('refused-submissions');
	await expect(refusedList).toContainText('李秀英');
	await expect(refusedList).toContainText('体温 38.5 ℃ 超出可测范围');
	await expect(refusedList).toContainText('员工不存在或不属于本食堂');
	await admin.close();
});

test('a photo taken as evidence is shrunk, kept offline with the check, and shown to the administrator', async ({ page, context, browser }) => {
	await enrolAndChooseChecker(page, { url: server.server.url, code: await createKioskCode(canteen), checker: '王建国' });
	await context.setOffline(true);
	await tile(page, '李秀英').click();
	await page.getByRole('button', { name: '36.5', exact: true }).click();
	// A tablet camera hands over a file; a large PNG stands in for it here.
	await page.locator('input[name="photo"]').setInputFiles(fileURLToPath(new URL('../../static/icon-512.png', import.meta.url)));
	await expect(page.getByTestId('photo-preview')).toBeVisible();
	await page.getByRole('button', { name: '全部正常，保存' }).click();
	await expect(page.getByTestId('check-result')).toContainText('李秀英');
	// The check and its photo wait on the tablet.
	await expect(syncBadge(page)).toHaveAttribute('data-waiting', '2');

	await context.setOffline(false);
	await syncBadge(page).click();
	await expect(syncBadge(page)).toHaveAttribute('data-waiting', '0', { timeout: 20_000 });
	const [photo] = await server.superuser.collection('evidence_photos').getFullList();
	expect(photo!.photo).toMatch(/\.jpe?g$/);

	const adminContext = await browser.newContext();
	const admin = await adminContext.newPage();
	await signInAsAdministrator(admin, { url: server.server.url, ...canteen.adminCredentials });
	const image = admin.getByTestId('evidence-photo');
	await expect(image).toBeVisible();
	await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
	// Without the administrator's file token the photo is not served.
	const bare = (await image.getAttribute('src'))!.replace(/token=[^&]*/, '');
	expect((await fetch(bare)).status).toBe(404);
	await adminContext.close();
});

test('a saved check with a mistake is voided with a reason and checked again; the administrator sees both', async ({ page, browser }) => {
	await enrolAndChooseChecker(page, { url: server.server.url, code: await createKioskCode(canteen), checker: '王建国' });
	await checkHealthy(page, '李秀英', '37.2');
	await page.getByRole('button', { name: '作废这条记录（需填写原因）' }).click();
	// A void needs a reason.
	await page.getByRole('button', { name: '确认作废' }).click();
	await expect(page.getByTestId('void-form').getByRole('alert')).toContainText('作废必须填写原因');
	await page.getByLabel('作废原因').fill('点错了体温，实测 36.5');
	await page.getByRole('button', { name: '确认作废' }).click();
	// The person is due again on the today screen, and is checked again.
	await expect(tile(page, '李秀英')).not.toHaveAttribute('data-outcome', 'fit');
	await checkHealthy(page, '李秀英', '36.5');
	await expect(syncBadge(page)).toHaveAttribute('data-waiting', '0', { timeout: 20_000 });

	const admin = await browser.newPage();
	await signInAsAdministrator(admin, { url: server.server.url, ...canteen.adminCredentials });
	const rows = admin.getByTestId('morning-check-row').filter({ hasText: '李秀英' });
	await expect(rows).toHaveCount(2);
	await expect(rows.filter({ hasText: '37.2 ℃' })).toHaveAttribute('data-voided', 'true');
	await expect(rows.filter({ hasText: '37.2 ℃' })).toContainText('已作废：点错了体温，实测 36.5（王建国）');
	await expect(rows.filter({ hasText: '36.5 ℃' })).toHaveAttribute('data-voided', 'false');
	await admin.close();
});

test('a storekeeper with a fever may work, warned to keep out of the preparation areas; a cook with one may not (rule 8)', async ({ page }) => {
	const code = await createKioskCode(canteen);
	await enrolAndChooseChecker(page, { url: server.server.url, code, checker: '王建国' });
	await tile(page, '赵磊').click();
	await page.getByRole('button', { name: '37.5', exact: true }).click();
	await page.getByRole('button', { name: '保存', exact: true }).click();
	const result = page.getByTestId('check-result');
	await expect(result).toContainText('可以上岗（有提醒）');
	await expect(result).toContainText('发热：体温 37.5 ℃');
	await expect(result).toContainText('不从事接触直接入口食品的工作：可以上岗，不得进入加工、备餐区');
	await expect(tile(page, '赵磊')).toHaveAttribute('data-outcome', 'fit_with_warnings');
	await tile(page, '李秀英').click();
	await page.getByRole('button', { name: '37.5', exact: true }).click();
	await page.getByRole('button', { name: '保存', exact: true }).click();
	await expect(page.getByTestId('check-result')).toContainText('今日不得从事接触直接入口食品的工作');
});

test('a cook kept from food for illness stays out until cleared to return, on the tablet offline and on the server', async ({ page }) => {
	const code = await createKioskCode(canteen);
	await enrolAndChooseChecker(page, { url: server.server.url, code, checker: '王建国' });
	await server.stop();

	await tile(page, '李秀英').click();
	await page.getByRole('button', { name: '36.8', exact: true }).click();
	await page.getByRole('button', { name: '腹泻' }).click();
	await page.getByRole('button', { name: '保存', exact: true }).click();
	await expect(page.getByTestId('check-result')).toContainText('今日不得从事接触直接入口食品的工作');
	await expect(tile(page, '李秀英').getByTestId('staff-out')).toContainText('起停岗');

	// Later, healthy by every answer: no all-normal shortcut, and still out.
	await tile(page, '李秀英').click();
	await expect(page.getByTestId('return-clearance-form')).toBeVisible();
	await expect(page.getByTestId('quick-fit')).toHaveCount(0);
	await page.getByRole('button', { name: '36.5', exact: true }).click();
	await page.getByRole('button', { name: '保存', exact: true }).click();
	await expect(page.getByTestId('check-result')).toContainText('因病停岗，尚未登记复岗');

	// Cleared to return, with the basis: then a healthy check lets her work.
	await tile(page, '李秀英').click();
	const clearance = page.getByTestId('return-clearance-form');
	await clearance.getByRole('button', { name: '登记复岗' }).click();
	await expect(clearance.getByRole('alert')).toContainText('请填写复岗依据');
	await clearance.getByLabel('复岗依据').fill('医院诊断证明：已痊愈');
	await clearance.getByRole('button', { name: '登记复岗' }).click();
	await expect(clearance).toHaveCount(0);
	await page.getByRole('button', { name: '36.5', exact: true }).click();
	await page.getByRole('button', { name: '全部正常，保存' }).click();
	await expect(page.getByTestId('check-result')).toContainText('可以上岗');
	await expect(tile(page, '李秀英').getByTestId('staff-out')).toHaveCount(0);

	// Back online, the server reaches the same conclusions from the same records.
	await server.restart();
	await expect(syncBadge(page)).toHaveAttribute('data-waiting', '0', { timeout: 20_000 });
	const stored = await serverChecks();
	expect(stored.map((c) => c.outcome)).toEqual(['excluded', 'excluded', 'fit']);
	expect(stored[1]!.findings.map((f: { code: string }) => f.code)).toEqual(['return.not_cleared']);
	const [cleared] = await server.superuser.collection('return_clearances').getFullList();
	expect(cleared).toMatchObject({ staff_name: '李秀英', basis: '医院诊断证明：已痊愈', cleared_by: '王建国' });
	expect((await server.superuser.collection('staff').getOne(canteen.staff['李秀英']!.id)).excluded_since).toBe('');
});
