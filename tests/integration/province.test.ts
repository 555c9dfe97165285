// The province tier: three county servers push their outboxes through misbehaving networks into the
// province ingest and its PostgreSQL. Drops, duplicates, delays, the ingest killed mid-batch and one
// county cut off for a simulated day; afterwards the warehouse holds exactly what the counties hold,
// none twice, and every day's digest matches. Then what the province names when content changes.
//   PROVINCE_SEED=7 npx vitest run --project integration tests/integration/province.test.ts
import pg from 'pg';
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newRecordId } from '$lib/db/ids';
import { chainLinkAfter } from '$lib/db/chain';
import { startIngest, startPostgres } from '../../server/province/postgres.mjs';
import { FaultProxy, seededRandom } from '../fixtures/fault-proxy';
import { pushChecks, TestChain, type PushResult } from '../fixtures/morning-checks';
import { chinaDate, createCanteenWithStaff, enrolKiosk, startTestServer, type CanteenFixture, type TestServer } from '../fixtures/server';

const SEED = Number(process.env.PROVINCE_SEED ?? 2026);
const ADMIN_TOKEN = 'province-admin-token-for-tests-0001';
const VIEW_TOKEN = 'province-view-token-for-tests-00001';

interface Kitchen {
	fixture: CanteenFixture;
	kiosk: PocketBase;
	device: string;
	chain: TestChain;
}

interface County {
	code: string;
	name: string;
	token: string;
	proxy: FaultProxy;
	server: TestServer;
	kitchens: Kitchen[];
	/** Ledger records its kiosks made (stored or refused, both held), voids included. */
	made: number;
}

let database: Awaited<ReturnType<typeof startPostgres>>;
let ingest: Awaited<ReturnType<typeof startIngest>>;
let ingestPort: number;
let sql: pg.Pool;
const counties: County[] = [];
/** The test's clock for the counties' push job: it moves on so that back-off waits pass without sleeping. */
let clock = Date.parse('2026-11-30T02:00:00Z');

const startTheIngest = () => startIngest({ databaseUrl: database.url, port: ingestPort, env: { PROVINCE_ADMIN_TOKEN: ADMIN_TOKEN, PROVINCE_VIEW_TOKEN: VIEW_TOKEN } });

async function view<T>(path: string): Promise<T> {
	const response = await fetch(`${ingest.url}${path}`, { headers: { authorization: `Bearer ${VIEW_TOKEN}` } });
	expect(response.status).toBe(200);
	return response.json() as Promise<T>;
}

async function addKitchen(county: County, name: string) {
	const fixture = await createCanteenWithStaff(county.server, { name, district: county.code, staff: { 李秀英: {}, 张伟: {}, 王芳: {} } });
	const { pb: kiosk } = await enrolKiosk(county.server, fixture);
	const device = kiosk.authStore.record!.id;
	const kitchen = { fixture, kiosk, device, chain: new TestChain({ canteen: fixture.canteen.id, device }) };
	county.kitchens.push(kitchen);
	return kitchen;
}

/** A morning's checks at one kitchen: healthy, one feverish (kept off work), one impossible reading (refused). */
async function morning(kitchen: Kitchen, count: number, random: () => number) {
	const county = counties.find((c) => c.kitchens.includes(kitchen))!;
	county.made += count;
	const names = Object.keys(kitchen.fixture.staff);
	const records = Array.from({ length: count }, (_, i) => {
		const roll = random();
		const temperature = roll < 0.1 ? 38.2 : roll < 0.15 ? 55 : 36.3 + Math.round(random() * 5) / 10;
		return kitchen.chain.next({ id: newRecordId(), staff: kitchen.fixture.staff[names[i % names.length]!]!.id, temperature });
	});
	const results = await pushChecks(kitchen.kiosk, records);
	expect(results.every((r) => r.status === 'stored' || r.status === 'refused')).toBe(true);
	return results;
}

/** The kitchen voids one of its records (a wrong entry), in its chain. */
async function voidOne(kitchen: Kitchen, recordId: string) {
	counties.find((c) => c.kitchens.includes(kitchen))!.made += 1;
	const record = { id: newRecordId(), canteen: kitchen.fixture.canteen.id, device: kitchen.device, voided_at: new Date().toISOString(), voided_by: '王建国', reason: '误录', ledger: 'morning_checks', record_id: recordId };
	const link = chainLinkAfter(kitchen.chain.head, { collection: 'voids', record });
	kitchen.chain.head = { seq: link.seq, hash: link.hash };
	const { results } = await kitchen.kiosk.send<{ results: PushResult[] }>('/api/mingchu/sync/voids', { method: 'POST', body: { records: [{ ...record, ...link }] } });
	expect(results[0]!.status).toBe('stored');
}

interface PushAnswer {
	sent: number;
	refused: number;
	waiting: boolean;
	error: string;
}

function push(county: County, minutesLater = 31): Promise<PushAnswer> {
	clock += minutesLater * 60000;
	return county.server.superuser.send('/api/mingchu/province/push', { method: 'POST', body: { now: new Date(clock).toISOString() } });
}

interface LinkStatus {
	pending: number;
	sent_seq: number;
	refused: { seq: number; reason: string; record_id: string; kind: string }[];
	last_error: string;
}

const statusOf = (county: County): Promise<LinkStatus> => county.server.superuser.send('/api/mingchu/province/status', {});

/** Pushes every county until nothing waits (the network healed). */
async function drain() {
	for (let round = 0; round < 60; round++) {
		const waiting = await Promise.all(counties.map(async (county) => (await statusOf(county)).pending));
		if (waiting.every((n) => n === 0)) return;
		await Promise.all(counties.map((county) => push(county)));
	}
	throw new Error('the counties did not drain');
}

/** Every ledger record and refused submission a county holds, as collection/id. */
async function heldByCounty(county: County): Promise<string[]> {
	const held: string[] = [];
	for (const collection of ['morning_checks', 'voids', 'refused_submissions']) {
		const records = await county.server.superuser.collection(collection).getFullList({ fields: 'id', batch: 1000 });
		for (const record of records) held.push(`${collection}/${record.id}`);
	}
	return held.sort();
}

async function heldByProvince(countyCode: string): Promise<string[]> {
	const { rows } = await sql.query<{ key: string }>("SELECT collection || '/' || record_id AS key FROM ledger_records WHERE county_id = $1 AND NOT deleted ORDER BY 1", [countyCode]);
	return rows.map((row) => row.key).sort();
}

async function batchUnderWay(): Promise<boolean> {
	const { rows } = await sql.query<{ n: number }>(
		"SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = 'province' AND pid <> pg_backend_pid() AND (state = 'idle in transaction' OR (state = 'active' AND query NOT ILIKE '%pg_stat_activity%'))"
	);
	return rows[0]!.n > 0;
}

beforeAll(async () => {
	database = await startPostgres();
	sql = new pg.Pool({ connectionString: database.url, max: 2 });
	ingest = await startIngest({ databaseUrl: database.url, env: { PROVINCE_ADMIN_TOKEN: ADMIN_TOKEN, PROVINCE_VIEW_TOKEN: VIEW_TOKEN } });
	ingestPort = ingest.port;
	const random = seededRandom(SEED);
	for (const [code, name] of [
		['371502', '东昌府区'],
		['371521', '阳谷县'],
		['420102', '江岸区']
	] as const) {
		const added = await fetch(`${ingest.url}/v1/admin/counties`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}` }, body: JSON.stringify({ county_id: code, name }) });
		const { token } = (await added.json()) as { token: string };
		const proxy = await FaultProxy.start({ target: ingest.url, random, rates: { drop_request: 0, drop_reply: 0, duplicate: 0, delay: 0 } });
		const server = await startTestServer({ env: { MINGCHU_PROVINCE_URL: proxy.url, MINGCHU_PROVINCE_TOKEN: token } });
		counties.push({ code, name, token, proxy, server, kitchens: [], made: 0 });
	}
}, 120_000);

afterAll(async () => {
	await ingest?.stop();
	await sql?.end();
	for (const county of counties) {
		await county.proxy.close();
		await county.server.dispose();
	}
	await database?.dispose();
});

describe('the province warehouse', () => {
	it('ends with exactly the counties’ records, none twice, digests matching, through drops, duplicates, a killed ingest and a county cut off for a day', async () => {
		const random = seededRandom(SEED + 1);
		for (const county of counties) {
			county.proxy.rates = { drop_request: 0.15, drop_reply: 0.15, duplicate: 0.15, delay: 0.1 };
			county.proxy.script.push('drop_reply', 'duplicate', 'drop_request');
			for (const n of [1, 2]) await addKitchen(county, `${county.name}第${n}食堂`);
		}
		for (let round = 0; round < 4; round++) {
			for (const county of counties) for (const kitchen of county.kitchens) await morning(kitchen, 12, random);
			await Promise.all(counties.map((county) => push(county)));
		}
		// A wrong entry voided at each kitchen.
		for (const county of counties) {
			for (const kitchen of county.kitchens) {
				const check = await county.server.superuser.collection('morning_checks').getFirstListItem(`canteen = "${kitchen.fixture.canteen.id}"`, { fields: 'id' });
				await voidOne(kitchen, check.id);
			}
		}

		// The ingest is killed while a batch is on its way, then started again.
		for (const kitchen of counties[0]!.kitchens) await morning(kitchen, 30, random);
		counties[0]!.proxy.heal();
		const cutOff = push(counties[0]!);
		// Killed once PostgreSQL shows the batch's transaction under way.
		for (let waited = 0; !(await batchUnderWay()); waited++) {
			if (waited > 5000) throw new Error('no batch reached the ingest');
			await new Promise((resolve) => setTimeout(resolve, 1));
		}
		await ingest.stop('SIGKILL');
		expect((await cutOff).error).not.toBe('');
		ingest = await startTheIngest();

		// The third county loses its link for a day; its kitchens go on, and its retries back off.
		const offline = counties[2]!;
		offline.proxy.rates = { drop_request: 1, drop_reply: 0, duplicate: 0, delay: 0 };
		let tries = 0;
		for (let hour = 0; hour < 24; hour++) {
			if (hour % 6 === 0) for (const kitchen of offline.kitchens) await morning(kitchen, 6, random);
			const answer = await push(offline, 60);
			if (!answer.waiting) tries += 1;
			expect(answer.sent).toBe(0);
		}
		// Back-off: not every hour of the day was a try (at most one each 30 minutes, fewer at first).
		expect(tries).toBeGreaterThan(0);
		expect((await statusOf(offline)).pending).toBeGreaterThan(0);

		// The day ends: each canteen's day is sealed, and the networks heal.
		for (const county of counties) {
			for (const kitchen of county.kitchens) {
				await county.server.superuser.send('/api/mingchu/ledger/digests', { method: 'POST', body: { canteen: kitchen.fixture.canteen.id, day: chinaDate() } });
			}
			county.proxy.heal();
		}
		await drain();

		for (const county of counties) {
			const status = await statusOf(county);
			expect(status.refused).toEqual([]);
			const county_records = await heldByCounty(county);
			expect(county_records.length).toBe(county.made);
			expect(await heldByProvince(county.code)).toEqual(county_records);
		}
		// The day summary counted each check once and each void once (a batch taken twice would count twice).
		for (const county of counties) {
			const checks = await county.server.superuser.collection('morning_checks').getList(1, 1, { fields: 'id' });
			const voids = await county.server.superuser.collection('voids').getList(1, 1, { fields: 'id' });
			const { rows } = await sql.query<{ kept: number; voided: number }>(
				'SELECT sum(d.records[1])::int AS kept, sum(d.voided[1])::int AS voided FROM canteen_days d JOIN canteens c USING (canteen_id) WHERE c.county_id = $1',
				[county.code]
			);
			expect(rows[0]).toEqual({ kept: checks.totalItems, voided: voids.totalItems });
		}
		const twice = await sql.query('SELECT collection, record_id FROM ledger_records GROUP BY 1, 2 HAVING count(*) > 1');
		expect(twice.rows).toEqual([]);
		const digests = await sql.query<{ matches: boolean; records: number; held: number }>('SELECT matches, records, held FROM daily_digests WHERE day = $1', [chinaDate()]);
		expect(digests.rows).toHaveLength(6);
		expect(digests.rows.every((d) => d.matches && d.records === d.held && d.records > 0)).toBe(true);
		expect((await view<{ problems: unknown[] }>('/v1/views/problems')).problems).toEqual([]);
		// Faults were really there.
		const faults = counties.map((c) => c.proxy.counts);
		expect(faults.reduce((n, c) => n + c.drop_reply, 0)).toBeGreaterThan(0);
		expect(faults.reduce((n, c) => n + c.duplicate, 0)).toBeGreaterThan(0);

		// Alerts came along: each county's open alerts equal the province's for its canteens.
		for (const county of counties) {
			const alerts = await county.server.superuser.collection('alerts').getFullList({ fields: 'id' });
			const { rows } = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM alerts a JOIN canteens c USING (canteen_id) WHERE c.county_id = $1', [county.code]);
			expect(rows[0]!.n).toBe(alerts.length);
		}
	}, 600_000);

	it('shows the grid from province to canteen, the monthly table and the headline indicators', async () => {
		const today = chinaDate();
		type Grid = { level: string; rows: { code: string; name: string; canteens: number; owed: number; kept: number; completeness: number | null }[] };
		// Read as of tomorrow: today is then a past day, owed and (for morning checks) kept.
		const tomorrow = chinaDate(1);
		const top = await view<Grid>(`/v1/views/grid?from=${today}&to=${today}&today=${tomorrow}`);
		expect(top.level).toBe('province');
		expect(top.rows.map((r) => [r.code, r.canteens])).toEqual([
			['37', 4],
			['42', 2]
		]);
		const city = await view<Grid>(`/v1/views/grid?from=${today}&to=${today}&under=3715&today=${tomorrow}`);
		expect(city.rows.map((r) => [r.code, r.name, r.canteens])).toEqual([
			['371502', '东昌府区', 2],
			['371521', '阳谷县', 2]
		]);
		const canteens = await view<Grid>(`/v1/views/grid?from=${today}&to=${today}&under=371502&today=${tomorrow}`);
		expect(canteens.level).toBe('canteen');
		expect(canteens.rows.map((r) => r.name).sort()).toEqual(['东昌府区第1食堂', '东昌府区第2食堂']);
		// Only morning checks were kept: one kept ledger-day of the several each canteen owes.
		for (const row of canteens.rows) {
			expect(row.kept).toBe(1);
			expect(row.owed).toBeGreaterThan(1);
			expect(row.completeness).toBeCloseTo(row.kept / row.owed, 3);
		}

		const month = await view<{ rows: { county: string; canteens: number; completeness: number | null }[] }>(`/v1/views/monthly?month=${today.slice(0, 7)}&today=${tomorrow}`);
		expect(month.rows.map((r) => [r.county, r.canteens])).toEqual([
			['371502', 2],
			['371521', 2],
			['420102', 2]
		]);

		const headline = await view<{ units: { canteens: number; connected: number }; completeness: { kept: number; owed: number }; alerts: { open: number }; complaints: { last_30d: number } }>(
			`/v1/views/headline?today=${tomorrow}`
		);
		expect(headline.units).toMatchObject({ canteens: 6, connected: 6 });
		expect(headline.completeness.kept).toBe(6);
	});

	it('names a record changed on the way and one changed at the county after it arrived', async () => {
		const county = counties[1]!;
		const kitchen = county.kitchens[0]!;
		const random = seededRandom(SEED + 2);
		const results = await morning(kitchen, 3, random);
		const stored = results.filter((r) => r.status === 'stored').map((r) => r.id);
		const target = stored[0]!;
		// The network raises a temperature in flight.
		county.proxy.transform = (body) => {
			const batch = JSON.parse(body.toString('utf8'));
			for (const entry of batch.entries) if (entry.id === target && entry.data?.fields) entry.data.fields.temperature = 39.9;
			return Buffer.from(JSON.stringify(batch));
		};
		await drain();
		county.proxy.transform = undefined;
		let found = (await view<{ problems: { kind: string; record_id: string }[] }>('/v1/views/problems')).problems;
		expect(found).toContainEqual(expect.objectContaining({ kind: 'hash_mismatch', record_id: target }));

		// In the county's dashboard, a superuser edits another record after it reached the province.
		const edited = stored[1] ?? stored[0]!;
		await county.server.superuser.collection('morning_checks').update(edited, { temperature: 36.0 });
		await drain();
		found = (await view<{ problems: { kind: string; record_id: string }[] }>('/v1/views/problems')).problems;
		expect(found).toContainEqual(expect.objectContaining({ kind: 'changed_after_arrival', record_id: edited }));
	}, 120_000);

	it('keeps what the province refuses as a dead letter, and sends it again when asked', async () => {
		const county = counties[0]!;
		const kitchen = county.kitchens[0]!;
		const other = counties[1]!.kitchens[0]!.fixture.canteen.id;
		const results = await morning(kitchen, 2, seededRandom(SEED + 3));
		const target = results.find((r) => r.status === 'stored')!.id;
		// An entry that names another county's canteen is refused alone; the rest of the batch is taken.
		county.proxy.transform = (body) => {
			const batch = JSON.parse(body.toString('utf8'));
			for (const entry of batch.entries) if (entry.id === target) entry.canteen = other;
			return Buffer.from(JSON.stringify(batch));
		};
		await drain();
		county.proxy.transform = undefined;
		const status = await statusOf(county);
		expect(status.refused).toEqual([expect.objectContaining({ record_id: target, kind: 'ledger', reason: expect.stringContaining('another county') })]);
		expect(await heldByProvince(county.code)).not.toContain(`morning_checks/${target}`);

		await county.server.superuser.send(`/api/mingchu/province/refused/${status.refused[0]!.seq}/retry`, { method: 'POST' });
		await drain();
		expect((await statusOf(county)).refused).toEqual([]);
		expect(await heldByProvince(county.code)).toContain(`morning_checks/${target}`);
	}, 120_000);

	it('refuses strangers and malformed batches, and holds no county token in clear', async () => {
		const batch = { schema: 'mingchu.province-batch/1', after_seq: 0, entries: [{ seq: 1 }] };
		const post = (token: string, body: unknown) =>
			fetch(`${ingest.url}/v1/batches`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
		expect((await post('not-a-county', batch)).status).toBe(401);
		expect((await post(counties[0]!.token, { schema: 'something-else', entries: [] })).status).toBe(400);
		expect((await fetch(`${ingest.url}/v1/views/headline`)).status).toBe(401);
		const { rows } = await sql.query<{ token_sha256: string }>('SELECT token_sha256 FROM counties');
		for (const county of counties) expect(rows.map((r) => r.token_sha256)).not.toContain(county.token);
		// A stranger guessing tokens is slowed down.
		const statuses: number[] = [];
		for (let i = 0; i < 25; i++) statuses.push((await post(`guess-${i}`, batch)).status);
		expect(statuses).toContain(429);
	});
});
