// npm run bench — a normal kitchen day on the tablet, scripted through the real screens (issue 3):
// morning checks for 10 healthy staff, 3 disinfection runs, samples for 2 meals × 4 dishes. Counts
// taps (a tap on a button or into a field; typing is not counted) and seconds per task.
// Waste hand-over and self-inspection are not built yet and are left out of the total.
import { cpus, totalmem } from 'node:os';
import { chromium, type Locator } from '@playwright/test';
import { afterAll, beforeAll, it } from 'vitest';
import { createCanteenWithStaff, createKioskCode, startTestServer, type TestServer } from '../tests/fixtures/server';
import { enrolAndChooseChecker } from '../tests/e2e/kitchen';

const STAFF = ['王建国', '李秀英', '张伟', '刘芳', '陈静', '赵磊', '孙丽', '周强', '吴敏', '郑洁'];
const rows: [string, string, string, string][] = [];
let server: TestServer;

beforeAll(async () => {
	server = await startTestServer();
});

afterAll(async () => {
	await server?.dispose();
	const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
	const width = [52, 8, 10, 22];
	const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(width[i]!)).join(' | ')} |`;
	console.log(
		[
			'',
			`Mingchu kitchen day — ${new Date().toISOString()}`,
			`machine: ${machine}; Chromium 1280×800; scripted taps (a person is slower: seconds are the app's share)`,
			line(['task', 'taps', 'seconds', 'target']),
			line(width.map((w) => '-'.repeat(w))),
			...rows.map(line),
			''
		].join('\n')
	);
});

it('a normal day on the kitchen tablet', async () => {
	const canteen = await createCanteenWithStaff(server, { staff: Object.fromEntries(STAFF.map((name) => [name, {}])) });
	const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
	const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
	await enrolAndChooseChecker(page, { url: server.server.url, code: await createKioskCode(canteen), checker: '王建国' });

	let taps = 0;
	const tap = async (target: Locator) => {
		taps += 1;
		await target.click();
	};
	const type = async (target: Locator, text: string) => {
		await tap(target);
		await target.fill(text);
	};
	const task = async (name: string, target: string, work: () => Promise<void>) => {
		taps = 0;
		const started = performance.now();
		await work();
		rows.push([name, String(taps), ((performance.now() - started) / 1000).toFixed(1), target]);
		return taps;
	};

	let total = 0;
	total += await task('Morning checks, 10 healthy staff', '≤ 25 taps', async () => {
		for (const name of STAFF) {
			await tap(page.getByTestId('staff-tile').filter({ hasText: name }));
			await tap(page.getByRole('button', { name: '36.5', exact: true }));
			await tap(page.getByRole('button', { name: '全部正常，保存' }));
			await page.getByTestId('check-result').filter({ hasText: name }).waitFor();
		}
	});
	total += await task('Disinfection, 3 runs (infrared cabinet, 15 min)', '', async () => {
		await tap(page.getByRole('link', { name: '消毒', exact: true }));
		const form = page.getByTestId('disinfection-form');
		for (const items of ['餐盘', '碗筷', '汤勺']) {
			await type(form.getByLabel('餐具'), items);
			await type(form.getByLabel('温度（℃）'), '125');
			await type(form.getByLabel('或填写时长（分钟）'), '15');
			await tap(form.getByRole('button', { name: '完成并保存' }));
			await page.getByTestId('disinfection').filter({ hasText: items }).waitFor();
		}
		await tap(page.getByRole('link', { name: '返回晨检' }));
	});
	total += await task('Samples, 2 meals × 4 dishes (label shown each time)', '', async () => {
		await tap(page.getByRole('link', { name: '留样', exact: true }));
		const form = page.getByTestId('sample-form');
		for (const [meal, dishes] of [
			['午餐', ['红烧肉', '番茄炒蛋', '清炒时蔬', '米饭']],
			['晚餐', ['鱼香肉丝', '麻婆豆腐', '紫菜汤', '馒头']]
		] as const) {
			await tap(form.getByRole('button', { name: meal }));
			for (const dish of dishes) {
				await type(form.getByLabel('菜品'), dish);
				await type(form.getByLabel('重量（克）'), '150');
				await tap(form.getByRole('button', { name: '保存留样' }));
				await page.getByTestId('sample').filter({ hasText: dish }).waitFor();
			}
		}
		await tap(page.getByRole('link', { name: '返回晨检' }));
	});
	rows.push(['Day so far (waste and self-inspection not built yet)', String(total), '', '']);
	await browser.close();
});
