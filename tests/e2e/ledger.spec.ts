import { expect, test } from '@playwright/test';
import { signInAsAdministrator, openAdminPage } from './admin';
import { createCanteenWithStaff, createKioskCode, startTestServer, type CanteenFixture, type TestServer } from '../fixtures/server';
import { checkHealthy, enrolAndChooseChecker, syncBadge } from './kitchen';

let server: TestServer;
let canteen: CanteenFixture;

test.beforeEach(async () => {
	server = await startTestServer();
	canteen = await createCanteenWithStaff(server, { name: '实验小学食堂', staff: { 王建国: {}, 李秀英: {} } });
});

test.afterEach(async () => {
	await server.dispose();
});

test('the administrator verifies the ledger, and sees exactly which check was changed in the database afterwards', async ({ browser }) => {
	const tabletContext = await browser.newContext();
	const tablet = await tabletContext.newPage();
	await enrolAndChooseChecker(tablet, { url: server.server.url, code: await createKioskCode(canteen), checker: '王建国' });
	await checkHealthy(tablet, '李秀英');
	await checkHealthy(tablet, '王建国');
	await expect(syncBadge(tablet)).toHaveAttribute('data-waiting', '0');

	const adminContext = await browser.newContext();
	const admin = await adminContext.newPage();
	await signInAsAdministrator(admin, { url: server.server.url, ...canteen.adminCredentials });
	await openAdminPage(admin, '台账');
	await admin.getByRole('button', { name: '核验' }).click();
	const report = admin.getByTestId('ledger-report');
	await expect(report).toHaveAttribute('data-intact', 'true');
	await expect(report).toContainText('账本完整：核验 2 条记录（1 台平板）');

	// Someone with database access lowers a temperature after the fact.
	const [first] = await server.superuser.collection('morning_checks').getFullList({ sort: 'seq' });
	await server.superuser.collection('morning_checks').update(first!.id, { temperature: 36.1 });
	await admin.getByRole('button', { name: '核验' }).click();
	await expect(report).toHaveAttribute('data-intact', 'false');
	await expect(report).toContainText('后厨平板 第 1 号记录（李秀英');
	await expect(report).toContainText('保存后被修改');

	await adminContext.close();
	await tabletContext.close();
});
