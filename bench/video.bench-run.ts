// npm run bench — video figures (issue 6), printed as a table:
//  1. time to first frame on the dining-room display over WebRTC and over LL-HLS (≥ 20 opens each)
//  2. MediaMTX CPU and memory: 1 camera recorded; + 1 WebRTC and 1 HLS viewer; + forwarding;
//     + 3 more WebRTC viewers (cost per extra viewer)
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { chromium, type Browser, type Page } from '@playwright/test';
import { afterAll, beforeAll, it } from 'vitest';
import { createCanteenWithStaff, type CanteenFixture } from '../tests/fixtures/server';
import { startVideoServer, type VideoServer } from '../tests/fixtures/video';

const OPENS = 20;
const rows: [string, string, string][] = [];
let video: VideoServer;
let canteen: CanteenFixture;
let browser: Browser;

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.ceil(values.length * p) - 1]!;

beforeAll(async () => {
	video = await startVideoServer({ nvrCameras: ['kitchen'], recordSegment: '60s' });
	canteen = await createCanteenWithStaff(video, { staff: { 李秀英: {} } });
	await canteen.admin.collection('cameras').create({
		canteen: canteen.canteen.id,
		name: '烹饪区',
		area: 'cooking',
		rtsp_url: video.nvr.url('kitchen'),
		public: true
	});
	browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--autoplay-policy=no-user-gesture-required']
	});
});

afterAll(async () => {
	await browser?.close();
	await video?.dispose();
	const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
	const width = [64, 30, 22];
	const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(width[i]!)).join(' | ')} |`;
	console.log(
		[
			'',
			`Mingchu video benchmarks — ${new Date().toISOString()}`,
			`machine: ${machine}; MediaMTX ${readFileSync(`${process.cwd()}/server/bin/mediamtx.version`, 'utf8').trim()}; test pattern 640×360 15 fps H.264 600 kbit/s`,
			line(['measure', 'result', 'target']),
			line(width.map((w) => '-'.repeat(w))),
			...rows.map(line),
			''
		].join('\n')
	);
});

async function openDisplay(transport: 'auto' | 'hls'): Promise<{ page: Page; ms: number; via: string }> {
	const page = await browser.newPage();
	await page.goto(`${video.server.url}/display/${canteen.canteen.id}?rotate=0&transport=${transport}`);
	const entry = await page.waitForFunction(
		() => {
			const [measure] = performance.getEntriesByName('mingchu:first-frame');
			return measure ? { ms: measure.duration, via: String((measure as PerformanceMeasure).detail) } : null;
		},
		undefined,
		{ timeout: 30_000, polling: 50 }
	);
	const { ms, via } = (await entry.jsonValue()) as { ms: number; via: string };
	return { page, ms, via };
}

it('time to first frame over WebRTC and over LL-HLS', async () => {
	for (const [transport, target] of [
		['auto', '≤ 1.0 s'],
		['hls', '≤ 2.5 s']
	] as const) {
		const times: number[] = [];
		let via = '';
		for (let i = 0; i < OPENS; i += 1) {
			const opened = await openDisplay(transport);
			times.push(opened.ms);
			via = opened.via;
			await opened.page.close();
		}
		rows.push([
			`First frame over ${via === 'webrtc' ? 'WebRTC (WHEP)' : 'LL-HLS (hls.js)'}, ${OPENS} opens`,
			`median ${(percentile(times, 0.5) / 1000).toFixed(2)} s, p95 ${(percentile(times, 0.95) / 1000).toFixed(2)} s`,
			`p95 ${target}`
		]);
	}
});

/** MediaMTX's CPU (% of one core) and resident memory over `seconds`, from /proc. */
async function mediamtxLoad(seconds = 10) {
	const pid = video.mediamtx.child.pid!;
	const ticks = () => {
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
		return Number(fields[11]) + Number(fields[12]);
	};
	const before = ticks();
	await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
	const cpu = ((ticks() - before) / 100 / seconds) * 100;
	const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
	return { cpu, rss };
}

it('MediaMTX CPU and memory', async () => {
	const show = (label: string, load: { cpu: number; rss: number }) =>
		rows.push([label, `${load.cpu.toFixed(1)} % CPU, ${load.rss.toFixed(0)} MB RSS`, '']);
	show('MediaMTX, 1 camera pulled and recorded, no viewer', await mediamtxLoad());
	const viewers = [await openDisplay('auto'), await openDisplay('hls')];
	const two = await mediamtxLoad();
	show('  + 1 WebRTC and 1 LL-HLS viewer', two);
	const [camera] = await canteen.admin.collection('cameras').getFullList();
	await canteen.admin.collection('cameras').update(camera!.id, { upstream: true, upstream_url: video.nvr.url('province') });
	const forwarding = await mediamtxLoad();
	show('  + forwarding to the province (ffmpeg -c copy, its own process)', forwarding);
	for (let i = 0; i < 3; i += 1) viewers.push(await openDisplay('auto'));
	const more = await mediamtxLoad();
	rows.push([
		'  + 3 more WebRTC viewers: per extra viewer',
		`${((more.cpu - forwarding.cpu) / 3).toFixed(1)} % CPU, ${((more.rss - forwarding.rss) / 3).toFixed(1)} MB`,
		''
	]);
	for (const viewer of viewers) await viewer.page.close();
});
