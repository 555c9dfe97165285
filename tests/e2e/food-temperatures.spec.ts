import { expect, test } from '@playwright/test';
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

test('a dish cooked at 11:00 and still served after 13:00 is a reminder until its holding temperature is logged (rules 30–31)', async ({ page }) => {
	await page.clock.setFixedTime(new Date(`${chinaDate()}T11:00:00+08:00`));
	await enrolAndChooseChecker(page, { url: server.server.url, code: await createKioskCode(canteen), checker: '陈静' });
	await page.getByRole('link', { name: '中心温度' }).click();
	const form = page.getByTestId('food-temperature-form');
	await form.getByRole('button', { name: '午餐' }).click();
	await form.getByRole('textbox', { name: '菜品' }).fill('红烧肉');
	await form.getByLabel('温度（℃）').fill('68');
	await expect(form).toContainText('中心温度 68 ℃ 低于 70 ℃');
	await form.getByRole('button', { name: '保存温度记录' }).click();
	await expect(form.getByRole('alert')).toContainText('请填写原因和确认人');
	await form.getByLabel('处理措施').fill('回锅加热至 78 ℃');
	await form.getByLabel('确认人').fill('王建国');
	await form.getByRole('button', { name: '保存温度记录' }).click();
	await expect(page.getByTestId('food-temperature')).toHaveCount(1);
	await expect(page.getByTestId('food-temperature').first()).toHaveAttribute('data-warned', 'true');

	// 13:10: lunch is still open and nothing was logged since cooking.
	await page.clock.setFixedTime(new Date(`${chinaDate()}T13:10:00+08:00`));
	await page.goto(`${server.server.url}/kitchen`);
	const reminder = page.getByTestId('holding-due');
	await expect(reminder).toContainText('红烧肉（午餐）出锅已 2.1 小时，请记录保温温度');
	await reminder.getByRole('link').click();
	await expect(form.getByRole('textbox', { name: '菜品' })).toHaveValue('红烧肉');
	await expect(form.getByRole('button', { name: '热保温' })).toHaveAttribute('aria-pressed', 'true');
	await form.getByLabel('温度（℃）').fill('63');
	await form.getByRole('button', { name: '保存温度记录' }).click();
	await expect(page.getByTestId('food-temperature')).toHaveCount(2);

	await page.getByRole('link', { name: '返回晨检' }).click();
	await expect(page.getByTestId('holding-due')).toHaveCount(0);
	await expect(syncBadge(page)).toHaveAttribute('data-waiting', '0', { timeout: 20_000 });
	// The badge can read 0 before the second save's outbox entry is counted: wait for the server to hold both.
	await expect.poll(async () => (await server.superuser.collection('food_temperatures').getFullList()).length, { timeout: 20_000 }).toBe(2);
	const stored = await server.superuser.collection('food_temperatures').getFullList({ sort: 'measured_at' });
	expect(stored.map((r) => [r.kind, r.temperature_c, r.findings.length])).toEqual([
		['cooked', 68, 1],
		['held_hot', 63, 0]
	]);
	expect(Date.parse(stored[1]!.cooked_at.replace(' ', 'T'))).toBe(Date.parse(`${chinaDate()}T11:00:00+08:00`));
});
