import { expect, test } from '@playwright/test';
import { signInAsAdministrator } from './admin';
import { chinaDate, createCanteenWithStaff, createKioskCode, startTestServer, type CanteenFixture, type TestServer } from '../fixtures/server';
import { enrolAndChooseChecker, syncBadge } from './kitchen';

let server: TestServer;
let canteen: CanteenFixture;

test.beforeEach(async () => {
	server = await startTestServer();
	canteen = await createCanteenWithStaff(server, { name: '实验小学食堂', staff: { 陈静: {}, 王建国: {} } });
});

test.afterEach(async () => {
	await server.dispose();
});

test('a run below the minimum is saved only with a reason and who accepted it; everyone sees the warning', async ({ page, browser }) => {
	// 13:20 in China: lunch is over (13:00), its disinfection is due by 14:00.
	await page.clock.setFixedTime(new Date(`${chinaDate()}T13:20:00+08:00`));
	await enrolAndChooseChecker(page, { url: server.server.url, code: await createKioskCode(canteen), checker: '陈静' });
	const due = (ledger: string, meal: string) => page.locator(`[data-testid="due"][data-ledger="${ledger}"][data-meal="${meal}"]`);
	await expect(due('disinfections', 'lunch')).toHaveAttribute('data-state', 'due');
	await expect(due('food_samples', 'lunch')).toHaveAttribute('data-state', 'overdue');
	await page.getByRole('link', { name: '消毒', exact: true }).click();
	const form = page.getByTestId('disinfection-form');
	await form.getByRole('button', { name: '煮沸/蒸汽' }).click();
	await form.getByLabel('餐具').fill('餐盘');
	await form.getByLabel('温度（℃）').fill('95');
	await form.getByLabel('或填写时长（分钟）').fill('12');
	// The warning appears before saving, and saving without a reason is refused.
	await expect(form).toContainText('温度 95 ℃ 低于要求的 100 ℃');
	await form.getByRole('button', { name: '完成并保存' }).click();
	await expect(form.getByRole('alert')).toContainText('请填写原因和确认人');
	await expect(form.getByLabel('餐具')).toHaveValue('餐盘');
	await form.getByLabel('未达标原因及处理').fill('蒸汽阀故障，已改用消毒柜重新消毒');
	await form.getByLabel('确认人').fill('王建国');
	await form.getByRole('button', { name: '完成并保存' }).click();
	await expect(page.getByTestId('disinfection-saved')).toContainText('煮沸/蒸汽');
	const saved = page.getByTestId('disinfection').first();
	await expect(saved).toHaveAttribute('data-warned', 'true');
	await expect(saved).toContainText('蒸汽阀故障');

	// The kiosk's own timer for the next run.
	await form.getByRole('button', { name: '开始计时' }).click();
	await expect(page.getByTestId('disinfection-timer')).toContainText('已消毒 0:0');

	// Back on the today screen, lunch's disinfection is done, with an exception to look at.
	await page.getByRole('link', { name: '返回晨检' }).click();
	await expect(due('disinfections', 'lunch')).toHaveAttribute('data-state', 'exception');

	await expect(syncBadge(page)).toHaveAttribute('data-waiting', '0', { timeout: 20_000 });
	const admin = await browser.newPage();
	await signInAsAdministrator(admin, { url: server.server.url, ...canteen.adminCredentials });
	const table = admin.getByTestId('admin-disinfections');
	await expect(table).toContainText('温度 95 ℃ 低于要求的 100 ℃');
	await expect(table).toContainText('蒸汽阀故障，已改用消毒柜重新消毒（王建国）');
	await admin.close();
});

test('a chlorine soak records its rinse and when its solution was made: an old solution warns, a missing rinse needs a reason', async ({ page }) => {
	await page.clock.setFixedTime(new Date(`${chinaDate()}T13:20:00+08:00`));
	await enrolAndChooseChecker(page, { url: server.server.url, code: await createKioskCode(canteen), checker: '陈静' });
	await page.getByRole('link', { name: '消毒', exact: true }).click();
	const form = page.getByTestId('disinfection-form');
	await form.getByRole('button', { name: '含氯消毒液浸泡' }).click();
	await form.getByLabel('餐具').fill('筷子');
	await form.getByLabel('有效氯（mg/L）').fill('250');
	await form.getByLabel('或填写时长（分钟）').fill('6');
	// Made up at 08:00, the soak started at 13:14: over four hours, a warning and no reason asked.
	await form.getByLabel('消毒液配制时间').fill('08:00');
	await form.getByLabel('浸泡后已用清水冲洗干净').check();
	await expect(form).toContainText('消毒液已配制 5.2 小时，超过 4 小时，应更换');
	await expect(form.getByLabel('未达标原因及处理')).toHaveCount(0);
	await form.getByRole('button', { name: '完成并保存' }).click();
	await expect(page.getByTestId('disinfection').first()).toContainText('消毒液已配制 5.2 小时');

	// The next soak, in a fresh solution, but no rinse ticked: saved only with the reason.
	await form.getByLabel('或填写时长（分钟）').fill('6');
	await form.getByLabel('消毒液配制时间').fill('13:00');
	await expect(form).toContainText('浸泡消毒后未记录清水冲洗');
	await form.getByRole('button', { name: '完成并保存' }).click();
	await expect(form.getByRole('alert')).toContainText('请填写原因和确认人');
	await form.getByLabel('未达标原因及处理').fill('餐具转入热水冲洗，漏记');
	await form.getByLabel('确认人').fill('王建国');
	await form.getByRole('button', { name: '完成并保存' }).click();
	await expect(page.getByTestId('disinfection')).toHaveCount(2);

	await expect(syncBadge(page)).toHaveAttribute('data-waiting', '0', { timeout: 20_000 });
	// The badge can read 0 for a moment before the second save's outbox entry is counted: wait for the
	// server to hold both runs, however long the sync takes.
	await expect.poll(async () => (await server.superuser.collection('disinfections').getFullList()).length, { timeout: 20_000 }).toBe(2);
	const stored = await server.superuser.collection('disinfections').getFullList({ sort: 'seq' });
	expect(stored.map((run) => run.findings.map((f: { code: string }) => f.code))).toEqual([['disinfection.solution_old'], ['disinfection.not_rinsed']]);
	expect(stored[0]!.rinsed_at).not.toBe('');
	expect(stored[1]!.rinsed_at).toBe('');
});
