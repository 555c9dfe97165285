// Every ledger keeps a late entry marked 补录 and a voided record visible, on the tablet and for the
// administrator: cold storage, disinfection and additive use, back-filled three hours after the fact.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { signInAsAdministrator } from './admin';
import { createCanteenWithStaff, createKioskCode, registerAdditive, startTestServer, type CanteenFixture, type TestServer } from '../fixtures/server';
import { enrolAndChooseChecker, syncBadge } from './kitchen';
import { chinaLocalInput, hoursAgoClearOfMidnight } from '../fixtures/clock';

let server: TestServer;
let canteen: CanteenFixture;

test.beforeEach(async () => {
	server = await startTestServer();
	canteen = await createCanteenWithStaff(server, { name: '敬老院食堂', staff: { 陈静: {} } });
	await registerAdditive(canteen, '食用碱');
});

test.afterEach(async () => {
	await server.dispose();
});

// Three hours ago, but never within the half hour after a China midnight: the 15-minute disinfection
// run ending then must start on the same day as the other records (a run belongs to the day it started).
const happened = hoursAgoClearOfMidnight(3, 30);
/** The browser runs on China time, like the canteen. */
const chinaLocal = chinaLocalInput(happened);

async function backFill(form: Locator) {
	await form.getByRole('button', { name: '补录（不是刚刚发生的）' }).click();
	await form.getByLabel('实际发生时间').fill(chinaLocal);
}

async function voidIn(row: Locator, reason: string) {
	await row.getByRole('button', { name: '作废这条记录（需填写原因）' }).click();
	await row.getByLabel('作废原因').fill(reason);
	await row.getByRole('button', { name: '确认作废' }).click();
}

async function open(page: Page, link: string) {
	await page.getByRole('link', { name: '返回' }).first().click();
	await page.getByRole('link', { name: link, exact: true }).click();
}

test('back-filled readings, runs and additive uses are marked 补录, a voided one stays listed, on the tablet and for the administrator', async ({ page, browser }) => {
	await enrolAndChooseChecker(page, { url: server.server.url, code: await createKioskCode(canteen), checker: '陈静' });

	await page.getByRole('link', { name: '温度', exact: true }).click();
	const fridge = page.locator('[data-testid="cold-unit"][data-unit="冷藏柜"]');
	await fridge.getByLabel('温度（℃）').fill('4');
	await backFill(fridge);
	await fridge.getByRole('button', { name: '保存读数' }).click();
	const reading = fridge.getByTestId('cold-reading');
	await expect(reading.getByTestId('late-mark')).toContainText('补录');
	await voidIn(reading, '读错了柜子');
	await expect(reading).toContainText('已作废：读错了柜子（陈静）');

	await open(page, '消毒');
	const run = page.getByTestId('disinfection-form');
	await run.getByLabel('餐具').fill('碗');
	await run.getByLabel('温度（℃）').fill('125');
	await run.getByLabel('或填写时长（分钟）').fill('15');
	await backFill(run);
	await run.getByRole('button', { name: '完成并保存' }).click();
	await expect(page.getByTestId('disinfection').getByTestId('late-mark')).toContainText('补录');

	await open(page, '添加剂');
	const additive = page.getByTestId('additive-form');
	await additive.getByLabel('添加剂名称').fill('食用碱');
	await additive.getByLabel('生产日期或批号').fill('20261101');
	await additive.getByLabel('用于哪种食品').fill('碱水面');
	await additive.getByLabel('用量').fill('10');
	await backFill(additive);
	await additive.getByRole('button', { name: '保存使用记录' }).click();
	const use = page.getByTestId('additive-use');
	await expect(use.getByTestId('late-mark')).toContainText('补录');
	await voidIn(use, '用量写错');
	await expect(use).toContainText('已作废：用量写错（陈静）');
	await expect(syncBadge(page)).toHaveAttribute('data-waiting', '0', { timeout: 20_000 });

	const admin = await browser.newPage();
	await signInAsAdministrator(admin, { url: server.server.url, ...canteen.adminCredentials });
	await admin.getByLabel('日期').fill(chinaLocal.slice(0, 10));
	await admin.getByLabel('日期').dispatchEvent('change');
	for (const table of ['admin-cold-readings', 'admin-disinfections', 'admin-additives']) {
		await expect(admin.getByTestId(table).getByTestId('late-mark')).toContainText(/补录（事后 [23](\.\d)? 小时录入）/);
	}
	await expect(admin.getByTestId('admin-cold-readings')).toContainText('已作废：读错了柜子（陈静）');
	await expect(admin.getByTestId('admin-additives')).toContainText('已作废：用量写错（陈静）');
	await admin.close();
});
