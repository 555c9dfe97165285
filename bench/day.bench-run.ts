// npm run bench — a normal kitchen day on the tablet, scripted through the real screens (issue 3):
// morning checks for 10 healthy staff, 3 disinfection runs, samples for 2 meals × 4 dishes, one waste
// hand-over, the opening and closing self-inspections. Counts taps (a tap on a button or into a field;
// typing is not counted; the receiver's signature counts as one) and seconds per task.
import { cpus, totalmem } from 'node:os';
import { chromium, type Locator } from '@playwright/test';
import { afterAll, beforeAll, it } from 'vitest';
import { createWasteCollector } from '../server/provision.mjs';
import { chinaDate, createCanteenWithStaff, createKioskCode, startTestServer, type TestServer } from '../tests/fixtures/server';
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
	await createWasteCollector(canteen.admin, canteen.canteen.id, {
		name: '绿源再生资源公司',
		licence_number: '餐废收运 2026-017',
		licence_expires: chinaDate(300),
		contract_expires: chinaDate(200),
		contact: '赵师傅',
		phone: '13800000017'
	});
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
			// The one-tap path for a healthy person: the reading itself saves "all normal".
			await tap(page.getByTestId('quick-fit').getByRole('button', { name: '36.5 ✓' }));
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
	total += await task('Waste hand-over (food waste, signed by the receiver)', '', async () => {
		await tap(page.getByRole('link', { name: '餐厨废弃物', exact: true }));
		const form = page.getByTestId('waste-form');
		await type(form.getByLabel('重量（千克）'), '35');
		await tap(form.getByRole('button', { name: /绿源再生资源公司/ }));
		taps += 1;
		const pad = (await form.getByTestId('signature-pad').boundingBox())!;
		await page.mouse.move(pad.x + 40, pad.y + 100);
		await page.mouse.down();
		for (let step = 1; step <= 12; step++) await page.mouse.move(pad.x + 40 + step * 30, pad.y + 100 + (step % 2 ? 30 : -30));
		await page.mouse.up();
		await tap(form.getByRole('button', { name: '保存交接记录' }));
		await page.getByTestId('waste-handover').waitFor();
		await tap(page.getByRole('link', { name: '返回晨检' }));
	});
	total += await task('Self-inspection, opening and closing (all passed)', '', async () => {
		for (const round of ['开餐前自查', '收市后自查']) {
			await tap(page.getByRole('link', { name: '自查', exact: true }));
			await tap(page.getByRole('button', { name: new RegExp(round) }));
			await tap(page.getByRole('button', { name: '全部合格，保存' }));
			await page.getByTestId('self-inspection').filter({ hasText: round }).waitFor();
			await tap(page.getByRole('link', { name: '返回晨检' }));
		}
	});
	rows.push(['Whole day', String(total), '', '']);
	await browser.close();
});
