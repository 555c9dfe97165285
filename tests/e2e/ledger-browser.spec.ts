// The ledger browser (issue 13): a manager filters a ledger by days, 补录 and exceptions, opens a record's
// times, and exports what matches as XLSX and CSV that open with the same words as the page.
import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { unzipSync, strFromU8 } from 'fflate';
import { openAdminPage, signInAsAdministrator } from './admin';
import { KioskUploads } from '../fixtures/kiosk-upload';
import { chinaDate, createCanteenWithStaff, createUser, enrolKiosk, startTestServer, type CanteenFixture, type TestServer } from '../fixtures/server';

let server: TestServer;
let school: CanteenFixture;
let kiosk: KioskUploads;

const noonOf = (day: string) => new Date(`${day}T12:00:00+08:00`).toISOString();

test.beforeEach(async () => {
	server = await startTestServer();
	school = await createCanteenWithStaff(server, { name: '兴庆区实验小学食堂', district: '640104' });
	const { pb, enrolment } = await enrolKiosk(server, school);
	kiosk = new KioskUploads(pb, { canteen: school.canteen.id, device: enrolment.device.id });
	const reading = (day: string, temperature_c: number, fields: Record<string, unknown> = {}) => ({
		unit: '冷藏柜 1',
		kind: 'refrigerator',
		temperature_c,
		read_at: noonOf(day),
		read_by: '陈静',
		reason: '',
		accepted_by: '',
		entered_at: new Date(Date.parse(noonOf(day)) + 5 * 60_000).toISOString(),
		...fields
	});
	// Two days in time, one back-filled today, one out of range let through with a reason.
	for (const [day, t] of [[chinaDate(-3), 3.5], [chinaDate(-2), 4]] as const) expect((await kiosk.upload('cold_readings', reading(day, t))).result.status).toBe('stored');
	expect((await kiosk.upload('cold_readings', reading(chinaDate(-1), 2.5, { read_by: '王建国', entered_at: new Date().toISOString() }))).result.status).toBe('stored');
	expect((await kiosk.upload('cold_readings', reading(chinaDate(-1), 9.5, { reason: '门未关严，已关门复测', accepted_by: '王建国', read_at: noonOf(chinaDate(-1)).replace('12:00', '13:00'), entered_at: new Date(Date.parse(noonOf(chinaDate(-1))) + 3600_000 + 60_000).toISOString() }))).result.status).toBe('stored');
});

test.afterEach(async () => {
	await server.dispose();
});

test('a manager finds the back-filled and the out-of-range readings, opens one, and exports the week as XLSX and CSV', async ({ page }) => {
	await signInAsAdministrator(page, { url: server.server.url, ...school.adminCredentials });
	await openAdminPage(page, '台账');
	await page.getByRole('combobox', { name: '台账' }).selectOption({ label: '冷藏温度' });
	await page.getByRole('button', { name: '查询' }).click();
	await expect(page.getByTestId('browser-total')).toHaveText('共 4 条');
	await expect(page.getByTestId('browser-row')).toHaveCount(4);

	await page.getByRole('combobox', { name: '范围' }).selectOption({ label: '只看补录' });
	await page.getByRole('button', { name: '查询' }).click();
	await expect(page.getByTestId('browser-row')).toHaveCount(1);
	await expect(page.getByTestId('browser-row')).toContainText('王建国');
	await page.getByTestId('browser-row').getByRole('button').click();
	const detail = page.getByTestId('record-detail');
	await expect(detail).toContainText('平板录入时间');
	await expect(detail).toContainText('服务器接收时间');
	await expect(detail.getByRole('link', { name: '查看当时画面' })).toHaveAttribute('href', /area=cold_room/);

	await page.getByRole('combobox', { name: '范围' }).selectOption({ label: '只看异常' });
	await page.getByLabel('人员（包含）').fill('陈');
	await page.getByRole('button', { name: '查询' }).click();
	await expect(page.getByTestId('browser-row')).toHaveCount(1);
	await expect(page.getByTestId('browser-row')).toContainText('门未关严，已关门复测（王建国）');

	await page.getByRole('combobox', { name: '范围' }).selectOption({ label: '全部记录' });
	await page.getByLabel('人员（包含）').fill('');
	await page.getByRole('button', { name: '查询' }).click();
	const xlsx = page.waitForEvent('download');
	await page.getByRole('button', { name: '导出 Excel（XLSX）' }).click();
	const saved = await xlsx;
	expect(saved.suggestedFilename()).toMatch(/^兴庆区实验小学食堂-冷藏温度-.*\.xlsx$/);
	const files = unzipSync(new Uint8Array(await readFile(await saved.path())));
	const text = strFromU8(files['xl/sharedStrings.xml'] ?? files['xl/worksheets/sheet1.xml']!);
	for (const expected of ['发生时间', '平板录入时间', '服务器接收时间', '冷藏柜 1', '9.5 ℃', '补录', '门未关严，已关门复测（王建国）']) expect(text).toContain(expected);

	const csv = page.waitForEvent('download');
	await page.getByRole('button', { name: '导出 CSV' }).click();
	const lines = (await readFile(await (await csv).path(), 'utf8')).replace(/^\ufeff/, '').trim().split('\r\n');
	expect(lines).toHaveLength(5);
	expect(lines[0]).toContain('日期,发生时间,平板录入时间,服务器接收时间');
	expect(lines.filter((line) => line.includes('事后'))).toHaveLength(1);
});

test('the month of a ledger prints like its paper form on A4, with every record and the signature lines', async ({ page }) => {
	// Yesterday's readings, one a minute from noon: enough for a second sheet.
	const day = chinaDate(-1);
	for (let minute = 1; minute <= 45; minute += 1) {
		const read_at = new Date(Date.parse(`${day}T12:00:00+08:00`) + minute * 60_000).toISOString();
		const { result } = await kiosk.upload('cold_readings', { unit: `冷藏柜 ${minute}`, kind: 'refrigerator', temperature_c: 3, read_at, read_by: '陈静', reason: '', accepted_by: '', entered_at: read_at });
		expect(result.status).toBe('stored');
	}
	const month = day.slice(0, 7);
	const seededThisMonth = [chinaDate(-3), chinaDate(-2), chinaDate(-1), chinaDate(-1)].filter((d) => d.startsWith(month)).length;
	await signInAsAdministrator(page, { url: server.server.url, ...school.adminCredentials });
	await page.goto(`${server.server.url}/admin/print?ledger=cold_readings&month=${month}`);
	const sheet = page.getByTestId('monthly-ledger');
	await expect(sheet.getByRole('heading', { level: 1 })).toHaveText('兴庆区实验小学食堂');
	await expect(sheet).toContainText('冷藏温度记录表');
	await expect(sheet.locator('tbody tr')).toHaveCount(45 + seededThisMonth);
	await expect(sheet).toContainText(`本月共 ${45 + seededThisMonth} 条记录`);

	// What the browser's "save as PDF" gives: the sheet alone, on landscape A4 pages.
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('navigation', { name: '管理导航' })).toBeHidden();
	await expect(page.getByRole('button', { name: '打印 / 存为 PDF' })).toBeHidden();
	const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1');
	const pages = pdf.match(/\/Type\s*\/Page(?!s)/g) ?? [];
	expect(pages.length).toBeGreaterThanOrEqual(2);
	const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)/.exec(pdf)!;
	// A4 landscape in points: 842 × 595.
	expect(Math.round(Number(box[1]))).toBe(842);
	expect(Math.round(Number(box[2]))).toBe(595);
});

test('a county regulator files the month’s progress table for the district', async ({ page }) => {
	await server.superuser.collection('canteens').update(school.canteen.id, { responsible_person: '马校长', phone: '0951-1234567' });
	await createCanteenWithStaff(server, { name: '兴庆区第二幼儿园食堂', district: '640104' });
	const regulator = await createUser(server, { role: 'regulator', district: '640104' });
	await signInAsAdministrator(page, { url: server.server.url, ...regulator.credentials });
	await openAdminPage(page, '月报');
	const rows = page.getByTestId('progress-row');
	await expect(rows).toHaveCount(2);
	await expect(rows.filter({ hasText: '兴庆区实验小学食堂' })).toContainText('马校长');
	await expect(rows.filter({ hasText: '兴庆区实验小学食堂' })).toContainText('0951-1234567');
	await expect(rows.filter({ hasText: '兴庆区实验小学食堂' })).toContainText('学校食堂');
	const csv = page.waitForEvent('download');
	await page.getByRole('button', { name: '导出 CSV' }).click();
	const lines = (await readFile(await (await csv).path(), 'utf8')).replace(/^\ufeff/, '').trim().split('\r\n');
	expect(lines[0]).toBe('单位名称,负责人,联系电话,食堂类型,摄像头数,是否完成明厨亮灶,是否接入省级平台,台账完整率');
	expect(lines).toHaveLength(3);
});
