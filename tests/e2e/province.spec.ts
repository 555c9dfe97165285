// The province's page (issue 17): a regulator opens the warehouse served by the province's ingest,
// signs in with the viewer token, reads the five indicators, goes down the grid from the province to a
// county's canteens, and sees the monthly table and that the county's data matches its seals.
import { expect, test } from '@playwright/test';
import { newRecordId } from '$lib/db/ids';
import { startIngest, startPostgres } from '../../server/province/postgres.mjs';
import { pushChecks, TestChain } from '../fixtures/morning-checks';
import { chinaDate, createCanteenWithStaff, enrolKiosk, startTestServer, type TestServer } from '../fixtures/server';

const ADMIN = 'e2e-province-admin-token-000000000';
const VIEWER = 'e2e-province-viewer-token-00000000';
let database: Awaited<ReturnType<typeof startPostgres>>;
let ingest: Awaited<ReturnType<typeof startIngest>>;
let county: TestServer;

test.beforeAll(async () => {
	database = await startPostgres();
	ingest = await startIngest({ databaseUrl: database.url, env: { PROVINCE_ADMIN_TOKEN: ADMIN, PROVINCE_VIEW_TOKEN: VIEWER } });
	const added = await fetch(`${ingest.url}/v1/admin/counties`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}` }, body: JSON.stringify({ county_id: '640104', name: '兴庆区' }) });
	const { token } = (await added.json()) as { token: string };
	county = await startTestServer({ env: { MINGCHU_PROVINCE_URL: ingest.url, MINGCHU_PROVINCE_TOKEN: token } });
	for (const name of ['兴庆区第一小学食堂', '兴庆区第二小学食堂']) {
		const fixture = await createCanteenWithStaff(county, { name, district: '640104', staff: { 李秀英: {}, 张伟: {} } });
		const { pb: kiosk } = await enrolKiosk(county, fixture);
		const chain = new TestChain({ canteen: fixture.canteen.id, device: kiosk.authStore.record!.id });
		// Yesterday's morning checks, entered late (补录 is still kept).
		const yesterday = new Date(Date.now() - 24 * 3600_000).toISOString();
		await pushChecks(kiosk, [chain.next({ id: newRecordId(), staff: fixture.staff['李秀英']!.id, checked_at: yesterday }), chain.next({ id: newRecordId(), staff: fixture.staff['张伟']!.id, checked_at: yesterday })]);
	}
	await county.superuser.send('/api/mingchu/province/push', { method: 'POST', body: {} });
});

test.afterAll(async () => {
	await county?.dispose();
	await ingest?.stop();
	await database?.dispose();
});

test('a province regulator reads the warehouse: indicators, the grid down to a county’s canteens, the monthly table, the data checks', async ({ page }) => {
	await page.goto(`${ingest.url}/province`);
	await expect(page.getByRole('heading', { name: '省级数据总仓' })).toBeVisible();
	await page.getByLabel('查看令牌').fill('a-wrong-token');
	await page.getByRole('button', { name: '进入' }).click();
	await expect(page.getByRole('alert')).toBeVisible();

	await page.getByLabel('查看令牌').fill(VIEWER);
	await page.getByRole('button', { name: '进入' }).click();
	await expect(page.getByTestId('units')).toContainText('2 / 2');

	// The grid from the province (64) to the city (6401) and the county (640104), then its canteens.
	await page.getByLabel('从').fill(chinaDate(-1));
	await page.getByLabel('到').fill(chinaDate(-1));
	await page.getByRole('button', { name: '查看' }).click();
	const grid = page.getByTestId('province-grid');
	await expect(grid).toHaveAttribute('data-level', 'province');
	await grid.getByRole('button', { name: '64' }).click();
	await expect(grid).toHaveAttribute('data-level', 'city');
	await grid.getByRole('button', { name: '6401' }).click();
	await expect(grid).toHaveAttribute('data-level', 'county');
	await grid.getByRole('button', { name: /640104 兴庆区/ }).click();
	await expect(grid).toHaveAttribute('data-level', 'canteen');
	await expect(page.getByTestId('province-row')).toHaveCount(2);
	await expect(grid).toContainText('兴庆区第一小学食堂');

	await expect(page.getByTestId('province-monthly')).toContainText('640104 兴庆区');
	await expect(page.getByTestId('no-problems')).toBeVisible();
	// Back up to the whole province.
	await page.getByRole('button', { name: '全部' }).click();
	await expect(grid).toHaveAttribute('data-level', 'province');
});
