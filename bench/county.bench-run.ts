// npx vitest run -c bench/vitest.config.ts bench/county.bench-run.ts — how far one county server goes
// (issue 17, section 1), printed as a table.
//
// N enrolled kiosks, one per canteen, sync through the real route as a tablet online does (each record
// sent when saved): 200 records a canteen-day (morning checks, fridge readings, disinfections, samples),
// the 11:00–13:00 lunch peak at 10× the day's average rate (0.023 records/s a canteen), 10 % of the
// morning checks with a photo; meanwhile one administrator per 20 canteens holds a realtime
// subscription, and every canteen's dining-room display has its video access decided by the server once
// a minute (MediaMTX asks /api/mingchu/video/auth at each new reader). Open loop: records are sent at
// their time whether or not the server keeps up, so latency shows the queue. Then the offered rate is
// doubled until the sync call's p95 passes 100 ms: the knee, in canteens at lunch peak.
// BENCH_COUNTY_SIZES=500,2000 to measure fewer; BENCH_COUNTY_SECONDS (default 30) per level.
import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, it } from 'vitest';
import type PocketBase from 'pocketbase';
import { chainLinkAfter } from '$lib/db/chain';
import { newRecordId } from '$lib/db/ids';
import type { ChainedCollection } from '$lib/domain';
import { startPocketBase, upsertSuperuser } from '../server/pocketbase.mjs';
import { signInSuperuser } from '../server/provision.mjs';
import { exemptLoopbackFromRateLimits, type RunningServer } from '../tests/fixtures/server';
import { evidencePhotoForm, sha256Hex } from '../tests/fixtures/photos';
import { healthyCheck } from '../tests/fixtures/morning-checks';

const SIZES = (process.env.BENCH_COUNTY_SIZES ?? '500,2000,5000').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_COUNTY_SECONDS ?? 30);
const PEAK_PER_CANTEEN = (200 / 86_400) * 10;
// A shrunk kiosk photo is 40–240 KB; the server checks its type by its first bytes and its digest, it
// never decodes it: a JPEG header and 60 KB of noise cost it what a real photo does.
const PHOTO = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(60 * 1024)]);
const rows: string[][] = [];
const notes: string[] = [];
/** The first few refusals and failures, printed under the table (a load test's errors need a reason). */
const errorSamples = new Map<string, number>();
const noteError = (what: string) => errorSamples.set(what, (errorSamples.get(what) ?? 0) + 1);
/** BENCH_COUNTY_ADMINS=0: no realtime subscribers (to see what they cost). */
const WITH_ADMINS = process.env.BENCH_COUNTY_ADMINS !== '0';
/** BENCH_COUNTY_KIOSKS_LISTEN=0: the tablets hold no realtime subscription (they do in use: other tablets' checks, staff). */
const KIOSKS_LISTEN = process.env.BENCH_COUNTY_KIOSKS_LISTEN !== '0';
/**
 * BENCH_COUNTY_REALTIME=collections: subscribe to the collections as the pages did before issue 17
 * (PocketBase runs each subscriber's API rule per record); default: the one topic matched in memory.
 */
const OLD_REALTIME = process.env.BENCH_COUNTY_REALTIME === 'collections';
/** BENCH_COUNTY_DISPLAYS=0: no video access decisions. */
const WITH_DISPLAYS = process.env.BENCH_COUNTY_DISPLAYS !== '0';

afterAll(() => {
	const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
	const header = ['canteens × load', 'offered/s', 'accepted/s', 'sync p50 / p95 / p99 ms', 'errors', 'PocketBase CPU', 'RSS MiB'];
	const width = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
	const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(width[i]!)).join(' | ')} |`;
	const errors = [...errorSamples].map(([what, n]) => `error ${n} ×: ${what}`);
	console.log(['', `Mingchu county server — ${new Date().toISOString()}`, `machine: ${machine}; ${SECONDS} s per level; realtime: ${OLD_REALTIME ? 'collections (each subscriber’s rule per record)' : 'one topic matched in memory'}, ${WITH_ADMINS ? 'administrators' : 'no administrators'}, ${KIOSKS_LISTEN ? 'every tablet' : 'no tablets'} subscribed`, line(header), line(width.map((w) => '-'.repeat(w))), ...rows.map(line), ...notes, ...errors, ''].join('\n'));
});

interface Kiosk {
	canteen: string;
	device: string;
	staff: string;
	pb: { token: string };
	head: { seq: number; hash: string } | undefined;
}

function cpuTicks(pid: number): number {
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
	return Number(fields[11]) + Number(fields[12]);
}
const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
const dbBytes = (dir: string) => ['data.db', 'data.db-wal'].map((f) => join(dir, f)).filter(existsSync).reduce((sum, f) => sum + statSync(f).size, 0);

/** Runs `work` over `items` with at most `limit` at once. */
async function pool<T>(items: T[], limit: number, work: (item: T, index: number) => Promise<void>) {
	let next = 0;
	await Promise.all(Array.from({ length: limit }, async () => {
		while (next < items.length) {
			const index = next++;
			await work(items[index]!, index);
		}
	}));
}

async function provision(superuser: PocketBase, url: string, count: number, from: number): Promise<Kiosk[]> {
	const kiosks: Kiosk[] = [];
	await pool(Array.from({ length: count }, (_, i) => from + i), 6, async (n) => {
		const canteen = await superuser.collection('canteens').create({ name: `县食堂 ${n}`, type: 'school', district: '360102' });
		const staff = await superuser.collection('staff').create({ canteen: canteen.id, name: `厨师${n}`, food_contact: true, active: true, certificate_number: `健-${n}`, certificate_issued: '2026-01-05' });
		const password = randomBytes(16).toString('hex');
		const device = await superuser.collection('devices').create({ name: `平板 ${n}`, canteen: canteen.id, active: true, email: `k${n}-${randomBytes(4).toString('hex')}@kiosk.invalid`, password, passwordConfirm: password });
		const { token } = await superuser.send<{ token: string }>(`/api/collections/devices/impersonate/${device.id}`, { method: 'POST', body: { duration: 86_400 } });
		kiosks.push({ canteen: canteen.id, device: device.id, staff: staff.id, pb: { token }, head: undefined });
	});
	void url;
	return kiosks;
}

/** One record as the kiosk makes it (a mix of a canteen's day), and the photo to send after it, if any. */
function nextRecord(kiosk: Kiosk, n: number): { collection: ChainedCollection; record: Record<string, unknown>; photo: boolean } {
	const now = new Date().toISOString();
	const owner = { id: newRecordId(), canteen: kiosk.canteen, device: kiosk.device };
	const pick = n % 10;
	let collection: ChainedCollection;
	let fields: Record<string, unknown>;
	let photo = false;
	if (pick < 3) {
		collection = 'morning_checks';
		photo = pick === 0 && n % 3 === 0; // 10 % of the checks
		fields = { ...healthyCheck({ staff: kiosk.staff, checked_at: now, checked_by: '厨师' }), photo_sha256: photo ? sha256Hex(PHOTO) : '', entered_at: now };
	} else if (pick < 7) {
		collection = 'cold_readings';
		fields = { unit: '冷藏柜 1', kind: 'refrigerator', temperature_c: 3.5, read_at: now, read_by: '厨师', reason: '', accepted_by: '', entered_at: now };
	} else if (pick < 9) {
		collection = 'disinfections';
		fields = { method: 'infrared', items: '餐盘', quantity: 100, temperature_c: 125, concentration_mg_l: null, started_at: new Date(Date.now() - 20 * 60_000).toISOString(), ended_at: new Date(Date.now() - 60_000).toISOString(), operator: '厨师', reason: '', accepted_by: '', entered_at: now };
	} else {
		collection = 'food_samples';
		fields = { meal: 'lunch', dish: '红烧肉', weight_g: 150, taken_at: now, taken_by: '厨师', fridge: '留样柜', photo_sha256: '', entered_at: now };
	}
	const record = { ...owner, ...fields };
	const link = chainLinkAfter(kiosk.head, { collection, record });
	kiosk.head = { seq: link.seq, hash: link.hash };
	return { collection, record: { ...record, ...link }, photo };
}

/** A realtime subscriber as the administration's live pages and the tablets hold one (fetch-streamed SSE). */
async function subscribe(url: string, token: string, stop: AbortSignal, subscriptions: string[]) {
	const response = await fetch(`${url}/api/realtime`, { signal: stop });
	const reader = response.body!.getReader();
	const first = new TextDecoder().decode((await reader.read()).value);
	const clientId = /"clientId":"([^"]+)"/.exec(first)![1]!;
	await fetch(`${url}/api/realtime`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: token }, body: JSON.stringify({ clientId, subscriptions }) });
	void (async () => {
		try {
			while (!(await reader.read()).done);
		} catch {
			// Aborted at the end of the level.
		}
	})();
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)]! : 0);

async function level(server: RunningServer, kiosks: Kiosk[], admins: string[], multiplier: number, secret: string) {
	const stop = new AbortController();
	// One signal ends every subscriber of the level (thousands of listeners on purpose).
	setMaxListeners(0, stop.signal);
	if (WITH_ADMINS) await pool(admins, 8, (token) => subscribe(server.url, token, stop.signal, OLD_REALTIME ? ['alerts', 'morning_checks'] : ['mingchu/changes']));
	if (KIOSKS_LISTEN) await pool(kiosks, 8, (kiosk) => subscribe(server.url, kiosk.pb.token, stop.signal, OLD_REALTIME ? ['morning_checks', 'staff'] : ['mingchu/changes']));
	const rate = kiosks.length * PEAK_PER_CANTEEN * multiplier;
	const latencies: number[] = [];
	let errors = 0;
	let accepted = 0;
	let sent = 0;
	const inFlight = new Set<Promise<void>>();
	const pid = server.child.pid!;
	const ticks0 = cpuTicks(pid);
	const started = performance.now();
	let peakRss = 0;
	// Displays: one access decision a minute each, spread evenly.
	const authEvery = 60_000 / kiosks.length;
	let nextAuth = started;
	let nextRecordAt = started;
	let counter = 0;
	while (performance.now() - started < SECONDS * 1000) {
		const now = performance.now();
		while (nextRecordAt <= now) {
			// Poisson arrivals at the offered rate, each from a random canteen.
			nextRecordAt += (-Math.log(1 - Math.random()) / rate) * 1000;
			const kiosk = kiosks[Math.floor(Math.random() * kiosks.length)]!;
			const { collection, record, photo } = nextRecord(kiosk, counter++);
			sent += 1;
			const call = (async () => {
				const t0 = performance.now();
				try {
					const response = await fetch(`${server.url}/api/mingchu/sync/${collection}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: kiosk.pb.token }, body: JSON.stringify({ records: [record] }) });
					const body = (await response.json()) as { results?: { status: string }[] };
					latencies.push(performance.now() - t0);
					if (response.ok && body.results?.[0]?.status === 'stored') accepted += 1;
					else {
						errors += 1;
						noteError(`${collection} ${response.status} ${JSON.stringify(body).slice(0, 200)}`);
					}
					if (photo && response.ok) {
						const form = evidencePhotoForm({ canteen: kiosk.canteen, device: kiosk.device, record: String(record.id), digest: sha256Hex(PHOTO), bytes: PHOTO });
						const uploaded = await fetch(`${server.url}/api/collections/evidence_photos/records`, { method: 'POST', headers: { authorization: kiosk.pb.token }, body: form });
						if (!uploaded.ok) {
							errors += 1;
							noteError(`photo ${uploaded.status} ${(await uploaded.text()).slice(0, 200)}`);
						}
					}
				} catch (error) {
					errors += 1;
					noteError(`network ${String(error).slice(0, 100)}`);
				}
			})();
			inFlight.add(call);
			void call.finally(() => inFlight.delete(call));
		}
		while (WITH_DISPLAYS && nextAuth <= now) {
			nextAuth += authEvery;
			void fetch(`${server.url}/api/mingchu/video/auth`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`mediamtx:${secret}`).toString('base64')}` },
				body: JSON.stringify({ ip: '10.0.0.20', action: 'read', path: `c_${kiosks[Math.floor(Math.random() * kiosks.length)]!.device}`, protocol: 'webrtc' })
			}).then((r) => r.arrayBuffer(), () => undefined);
		}
		peakRss = Math.max(peakRss, rssMiB(pid));
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
	await Promise.all(inFlight);
	const elapsed = (performance.now() - started) / 1000;
	const cpu = (cpuTicks(pid) - ticks0) / 100 / elapsed;
	stop.abort();
	const sorted = [...latencies].sort((a, b) => a - b);
	return { rate, sent, stored: accepted, accepted: accepted / elapsed, p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), p99: percentile(sorted, 0.99), errors, cpu, rss: peakRss };
}

it('one county server: canteens at lunch peak, then the knee', async () => {
	const dataDir = mkdtempSync(join(tmpdir(), 'mingchu-county-'));
	const credentials = { email: 'operator@bench.local', password: 'operator-password-1' };
	await upsertSuperuser({ dataDir, ...credentials });
	const secret = randomBytes(12).toString('hex');
	const server: RunningServer = await startPocketBase({ dataDir, env: { MINGCHU_TIMED_JOBS: 'test-clock', MINGCHU_VIDEO_SECRET: secret } });
	try {
		const superuser: PocketBase = await signInSuperuser({ url: server.url, ...credentials });
		await exemptLoopbackFromRateLimits(superuser);
		const kiosks: Kiosk[] = [];
		const admins: string[] = [];
		let last: Awaited<ReturnType<typeof level>> | undefined;
		let stored = 0;
		for (const size of SIZES) {
			const provisionStarted = performance.now();
			kiosks.push(...(await provision(superuser, server.url, size - kiosks.length, kiosks.length)));
			while (admins.length < Math.ceil(size / 20)) {
				const password = randomBytes(12).toString('hex');
				const user = await superuser.collection('users').create({ email: `admin${admins.length}-${randomBytes(3).toString('hex')}@bench.local`, password, passwordConfirm: password, name: `管理员${admins.length}`, canteens: kiosks.slice(admins.length * 20, admins.length * 20 + 20).map((k) => k.canteen) });
				admins.push((await superuser.send<{ token: string }>(`/api/collections/users/impersonate/${user.id}`, { method: 'POST', body: { duration: 86_400 } })).token);
			}
			notes.push(`provisioned ${size} canteens (kiosk, one cook, ${admins.length} administrators) in ${((performance.now() - provisionStarted) / 1000).toFixed(0)} s`);
			last = await level(server, kiosks, admins, 1, secret);
			stored += last.stored;
			rows.push([`${size} × lunch peak`, last.rate.toFixed(1), last.accepted.toFixed(1), `${last.p50.toFixed(0)} / ${last.p95.toFixed(0)} / ${last.p99.toFixed(0)}`, String(last.errors), `${(last.cpu * 100).toFixed(0)} %`, last.rss.toFixed(0)]);
		}
		// The knee: the largest canteen count at lunch peak this server keeps under 100 ms at p95.
		const size = kiosks.length;
		// BENCH_COUNTY_MULTIPLIERS=2,4 measures those only; "none" skips the search for the knee.
		const multipliers = process.env.BENCH_COUNTY_MULTIPLIERS?.split(',').map(Number).filter((m) => m >= 2);
		for (let multiplier = multipliers?.[0] ?? 2; multiplier <= 64 && last && (multipliers ? multipliers.includes(multiplier) : last.p95 <= 100); multiplier *= 2) {
			last = await level(server, kiosks, admins, multiplier, secret);
			stored += last.stored;
			rows.push([`${size} × peak × ${multiplier} (≈ ${size * multiplier} canteens)`, last.rate.toFixed(1), last.accepted.toFixed(1), `${last.p50.toFixed(0)} / ${last.p95.toFixed(0)} / ${last.p99.toFixed(0)}`, String(last.errors), `${(last.cpu * 100).toFixed(0)} %`, last.rss.toFixed(0)]);
		}
		// The whole database after a checkpoint (stopping the server writes the log back) over the ledger
		// records stored: canteens, kiosks, alerts and the day summary are counted in, so it is an upper bound.
		await server.stop();
		const perRecord = dbBytes(dataDir) / Math.max(1, stored);
		notes.push(`database: ${(dbBytes(dataDir) / 2 ** 20).toFixed(0)} MiB for ${stored} ledger records and ${kiosks.length} canteens → ${(perRecord / 1024).toFixed(2)} KiB a record, ${((perRecord * 200 * 365) / 2 ** 20).toFixed(0)} MiB a canteen-year (200 records a day); photos on disk besides: 20 a day × 60 KB = ${((20 * 365 * 60) / 1024).toFixed(0)} MiB a canteen-year`);
	} finally {
		await server.stop().catch(() => undefined);
		rmSync(dataDir, { recursive: true, force: true });
	}
}, 3_600_000);
