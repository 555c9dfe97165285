import { expect, test } from '@playwright/test';
import { createCanteenWithStaff, createKioskCode, startTestServer, type CanteenFixture, type TestServer } from '../fixtures/server';
import { checkHealthy, enrolAndChooseChecker, tile } from './kitchen';

let server: TestServer;
let canteen: CanteenFixture;

test.beforeEach(async () => {
	server = await startTestServer();
	canteen = await createCanteenWithStaff(server, { name: '敬老院食堂', staff: { 王建国: {}, 李秀英: {} } });
});

test.afterEach(async () => {
	await server.dispose();
});

test('a check made on one tablet shows on the other tablet of the kitchen within seconds', async ({ browser }) => {
	const tablets = [];
	for (const name of ['备餐间', '洗消间']) {
		const context = await browser.newContext();
		const page = await context.newPage();
		await enrolAndChooseChecker(page, { url: server.server.url, code: await createKioskCode(canteen, name), checker: '王建国' });
		tablets.push({ context, page });
	}
	const [first, second] = tablets;
	// Wait until the second tablet has synced once (and so listens for changes).
	await expect(second!.page.getByTestId('sync-badge')).toContainText('上次同步');

	await checkHealthy(first!.page, '李秀英');
	// No tap on the second tablet: its timed sync is 30 s away, the change must arrive by itself.
	await expect(tile(second!.page, '李秀英')).toHaveAttribute('data-outcome', 'fit', { timeout: 10_000 });

	for (const { context } of tablets) await context.close();
});
