// npx vitest run -c bench/vitest.config.ts bench/public.bench-run.ts — the public page behind the QR
// code on a parent's phone (issue 18), printed as a table:
//  1. JavaScript and total transfer on a first load (cold cache), live video excluded (it starts on a tap)
//  2. time to content (today's records on screen) on 3G-class profiles with a 4× slower CPU, median and
//     worst of 5 cold loads each
// Two canteens: the one the page was built against, and a held-out one with a longer day (more staff,
// dishes, suppliers, a week's menu, answered complaints), reported apart.
import { cpus, totalmem } from 'node:os';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from '@playwright/test';
import { afterAll, beforeAll, it } from 'vitest';
import { startTestServer, type TestServer } from '../tests/fixtures/server';
import { seedPublicDay, type PublicDayFixture } from '../tests/fixtures/public-day';

const rows: [string, string, string][] = [];
let server: TestServer;
let browser: Browser;

/** Network profiles (download / upload in kbit/s, round trip in ms). */
const PROFILES = [
	{ name: '3G (WebPageTest "3G": 1.6 Mbps, 300 ms RTT)', down: 1600, up: 768, rtt: 300 },
	{ name: 'slow 3G (DevTools "Regular 3G": 750 kbps, 100 ms RTT)', down: 750, up: 250, rtt: 100 }
];
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN' };
const RUNS = 5;

beforeAll(async () => {
	server = await startTestServer();
	browser = await chromium.launch({ executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}, 120_000);

afterAll(async () => {
	await browser?.close();
	await server?.dispose();
	const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
	const width = [78, 24, 14];
	const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(width[i]!)).join(' | ')} |`;
	console.log(
		[
			'',
			`Mingchu public page benchmarks — ${new Date().toISOString()}`,
			`machine: ${machine}; Chromium ${process.env.CHROMIUM_BIN ?? '/usr/bin/chromium'}; phone viewport 390×844, CPU slowed 4×`,
			line(['measure', 'result', 'target']),
			line(width.map((w) => '-'.repeat(w))),
			...rows.map(line),
			''
		].join('\n')
	);
});

interface Load {
	jsGzip: number;
	jsFiles: number;
	transfer: number;
	contentMs: number;
}

/** One cold load of the page (a new browser context: no cache, no service worker). */
async function load(url: string, profile?: (typeof PROFILES)[number]): Promise<Load> {
	const context = await browser.newContext(PHONE);
	const page = await context.newPage();
	const cdp = await context.newCDPSession(page);
	await cdp.send('Network.enable');
	let transfer = 0;
	cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => (transfer += event.encodedDataLength));
	if (profile) {
		await cdp.send('Network.emulateNetworkConditions', {
			offline: false,
			latency: profile.rtt,
			downloadThroughput: (profile.down * 1000) / 8,
			uploadThroughput: (profile.up * 1000) / 8
		});
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
	}
	const scripts: Promise<number>[] = [];
	page.on('response', (response) => {
		if ((response.headers()['content-type'] ?? '').includes('javascript')) scripts.push(response.body().then((body) => gzipSync(body, { level: 9 }).length));
	});
	// When today's records are on screen, from the start of navigation (the page's own clock).
	await page.addInitScript(() => {
		new MutationObserver((_, observer) => {
			if (document.querySelector('[data-testid="today"] [data-testid="samples"]')) {
				(window as unknown as { contentAt: number }).contentAt = performance.now();
				observer.disconnect();
			}
		}).observe(document, { childList: true, subtree: true });
	});
	await page.goto(url);
	await page.waitForSelector('[data-testid="today"] [data-testid="samples"]');
	await page.waitForLoadState('networkidle');
	const contentMs = await page.evaluate(() => (window as unknown as { contentAt: number }).contentAt);
	const sizes = await Promise.all(scripts);
	await context.close();
	return { jsGzip: sizes.reduce((a, b) => a + b, 0), jsFiles: sizes.length, transfer, contentMs };
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function measure(label: string, day: PublicDayFixture) {
	const url = `${server.server.url}/p/${day.fixture.canteen.id}`;
	const summary = await (await fetch(`${server.server.url}/api/mingchu/public/canteens/${day.fixture.canteen.id}`)).text();
	const first = await load(url);
	rows.push([`${label}: JS on first load (gzip -9, ${first.jsFiles} files; video player excluded)`, kib(first.jsGzip), '≤ 60 KiB']);
	rows.push([`${label}: total transfer on first load (HTML, CSS, JS, data, icons)`, kib(first.transfer), '']);
	rows.push([`${label}: the page's data (JSON, uncompressed)`, kib(Buffer.byteLength(summary)), '']);
	for (const profile of PROFILES) {
		const times: number[] = [];
		for (let i = 0; i < RUNS; i += 1) times.push((await load(url, profile)).contentMs);
		rows.push([`${label}: time to content, ${profile.name}`, `${Math.round(median(times))} ms (worst ${Math.round(Math.max(...times))})`, '≤ 2,000 ms']);
	}
}

it('the public page on a phone: first-load weight and time to content on 3G', async () => {
	const built = await seedPublicDay(server);
	await measure('canteen built against', built);

	const heldOut = await seedPublicDay(server, {
		name: '示范县第二实验小学食堂',
		staffNames: ['赵一', '钱二', '孙三', '李四', '周五', '吴六', '郑七', '王八', '冯九', '陈十', '褚十一', '卫十二'],
		dishes: ['红烧鸡腿', '番茄炒蛋', '清炒西兰花', '紫菜蛋花汤', '米饭', '馒头', '胡萝卜炒肉丝', '凉拌黄瓜'],
		suppliers: ['示范县鲜肉配送有限公司', '绿野蔬菜合作社', '金穗粮油商行', '海鲜冷链配送中心', '晨光乳业']
	});
	const monday = new Date();
	monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
	const weekStart = monday.toISOString().slice(0, 10);
	const days = Object.fromEntries(
		Array.from({ length: 5 }, (_, i) => {
			const date = new Date(Date.parse(weekStart) + i * 86400_000).toISOString().slice(0, 10);
			return [date, { lunch: [{ name: '红烧鸡腿', grams: 100 }, { name: '清炒西兰花', grams: 150 }, { name: '米饭', grams: 200 }], breakfast: [{ name: '馒头', grams: 80 }, { name: '豆浆', grams: 250 }] }];
		})
	);
	await heldOut.fixture.admin.collection('menus').create({ canteen: heldOut.fixture.canteen.id, week_start: weekStart, days }).catch(() => undefined);
	await measure('held-out canteen (12 staff, 8 dishes, 5 suppliers, menu)', heldOut);
}, 600_000);
