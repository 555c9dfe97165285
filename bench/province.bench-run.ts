// npx vitest run -c bench/vitest.config.ts bench/province.bench-run.ts — the province warehouse on
// this machine (issue 17, section 2), printed as tables.
//
// 1. Ingest rate: counties push batches of 200 morning checks (fields, kiosk hash and seal as a county
//    sends them; the ingest recomputes every hash) over HTTP into the ingest and PostgreSQL, one county
//    at a time and three at once.
// 2. The province grid over 20,000 canteens × 30 days: the day summary the ingest keeps (one row per
//    canteen-day) is generated in SQL, with alerts, for a tuned set (20,000 canteens, 16 cities) and a
//    held-out set it was not tuned on (26,000 canteens, uneven counties, 45 days); each level of the
//    grid (province → city → county → canteen) read 30 times; p50/p95, and the plan of the top level.
// BENCH_PROVINCE_ENTRIES (default 40,000) sets the ingest's volume.
import { createHash } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import pg from 'pg';
import { afterAll, it } from 'vitest';
import { chainLinkAfter } from '$lib/db/chain';
import { newRecordId } from '$lib/db/ids';
import { startIngest, startPostgres } from '../server/province/postgres.mjs';
import { VIEW_CONNECTION_OPTIONS, gridQuery } from '../server/province/views';
import { healthyCheck } from '../tests/fixtures/morning-checks';

const ENTRIES = Number(process.env.BENCH_PROVINCE_ENTRIES ?? 40_000);
const ADMIN = 'bench-admin-token-000000000000000';
const VIEWER = 'bench-view-token-0000000000000000';
const output: string[] = [];

afterAll(() => {
	const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
	console.log(['', `Mingchu province warehouse — ${new Date().toISOString()}`, `machine: ${machine}`, ...output, ''].join('\n'));
});

function table(header: string[], rows: string[][]) {
	const width = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
	const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(width[i]!)).join(' | ')} |`;
	output.push(line(header), line(width.map((w) => '-'.repeat(w))), ...rows.map(line));
}

const quantile = (values: number[], q: number) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};

const id15 = (n: number, prefix: string) => (prefix + n.toString(36)).padStart(15, '0').slice(-15);

/** A county's entries as pb_hooks/lib/province.js sends them: canteens first, then each canteen's checks in chain order. */
function countyEntries(county: number, canteens: number, perCanteen: number, day: string) {
	const entries: Record<string, unknown>[] = [];
	let seq = 0;
	for (let c = 0; c < canteens; c++) {
		const canteen = id15(county * 100000 + c, 'c');
		entries.push({ seq: ++seq, op: 'upsert', kind: 'canteen', collection: 'canteens', canteen, id: canteen, data: { name: `食堂${c}`, type: 'school', district: `3715${String(county).padStart(2, '0')}`, required_ledgers: ['morning_checks', 'food_samples', 'disinfections', 'cold_readings', 'waste_handovers', 'self_inspections'] } });
	}
	for (let c = 0; c < canteens; c++) {
		const canteen = id15(county * 100000 + c, 'c');
		const device = id15(county * 100000 + c, 'd');
		let head: { seq: number; hash: string } | undefined;
		for (let r = 0; r < perCanteen; r++) {
			const id = newRecordId();
			const checked = new Date(Date.parse(`${day}T00:30:00Z`) + r * 60000).toISOString();
			const record = { ...healthyCheck({ staff: id15(r % 12, 's'), checked_at: checked }), id, canteen, device, date: day };
			const link = chainLinkAfter(head, { collection: 'morning_checks', record });
			head = { seq: link.seq, hash: link.hash };
			const fields = { ...record, staff_name: '李秀英', outcome: 'fit', late: null, received_at: checked.replace('T', ' '), seq: link.seq, prev_hash: link.prev_hash, hash: link.hash };
			const seal = createHash('sha256').update(`${id}${link.hash}`).digest('hex');
			entries.push({ seq: ++seq, op: 'upsert', kind: 'ledger', collection: 'morning_checks', canteen, id, data: { device, seq: link.seq, hash: link.hash, prev_hash: link.prev_hash, seal, received_at: checked, fields } });
		}
	}
	return entries;
}

it('ingest rate into PostgreSQL', async () => {
	const database = await startPostgres();
	const ingest = await startIngest({ databaseUrl: database.url, env: { PROVINCE_ADMIN_TOKEN: ADMIN, PROVINCE_VIEW_TOKEN: VIEWER } });
	try {
		const rows: string[][] = [];
		for (const counties of [1, 3]) {
			const perCounty = Math.round(ENTRIES / counties);
			const canteens = Math.max(1, Math.round(perCounty / 200));
			const work = await Promise.all(
				Array.from({ length: counties }, async (_, i) => {
					const code = `3715${String(counties * 10 + i).padStart(2, '0')}`;
					const added = await fetch(`${ingest.url}/v1/admin/counties`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}` }, body: JSON.stringify({ county_id: code, name: `县${i}` }) });
					const { token } = (await added.json()) as { token: string };
					return { token, entries: countyEntries(counties * 10 + i, canteens, 200, '2026-11-20') };
				})
			);
			const latencies: number[] = [];
			let taken = 0;
			const started = performance.now();
			await Promise.all(
				work.map(async ({ token, entries }) => {
					for (let at = 0; at < entries.length; at += 200) {
						const batch = entries.slice(at, at + 200);
						const t0 = performance.now();
						const response = await fetch(`${ingest.url}/v1/batches`, {
							method: 'POST',
							headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
							body: JSON.stringify({ schema: 'mingchu.province-batch/1', after_seq: at, entries: batch })
						});
						const answer = (await response.json()) as { accepted_through: number; refused: unknown[] };
						if (response.status !== 200 || answer.refused.length) throw new Error(`batch refused: ${JSON.stringify(answer).slice(0, 300)}`);
						latencies.push(performance.now() - t0);
						taken += batch.length;
					}
				})
			);
			const seconds = (performance.now() - started) / 1000;
			rows.push([String(counties), taken.toLocaleString('en'), `${Math.round(taken / seconds).toLocaleString('en')}`, `${quantile(latencies, 0.5).toFixed(0)} / ${quantile(latencies, 0.95).toFixed(0)}`]);
		}
		const sql = new pg.Pool({ connectionString: database.url, max: 1 });
		const size = await sql.query<{ bytes: string; n: string }>("SELECT pg_total_relation_size('ledger_records') + coalesce((SELECT sum(pg_total_relation_size(inhrelid)) FROM pg_inherits WHERE inhparent = 'ledger_records'::regclass), 0) AS bytes, (SELECT count(*) FROM ledger_records) AS n");
		const bad = await sql.query<{ n: string }>('SELECT count(*) AS n FROM ledger_records WHERE NOT hash_ok');
		await sql.end();
		output.push('', '1. Ingest: batches of 200 morning checks over HTTP (hash recomputed per record, one transaction per batch)');
		table(['counties at once', 'records', 'records/s', 'batch p50 / p95 ms'], rows);
		output.push(`ledger_records: ${Number(size.rows[0]!.n).toLocaleString('en')} rows, ${(Number(size.rows[0]!.bytes) / Number(size.rows[0]!.n)).toFixed(0)} bytes a record with indexes; hash mismatches: ${bad.rows[0]!.n}`);
	} finally {
		await ingest.stop();
		await database.dispose();
	}
});

interface GridSet {
	label: string;
	canteens: number;
	cities: number;
	days: number;
	/** Counties per city vary (held out) or not. */
	uneven: boolean;
}

async function generate(sql: pg.Pool, set: GridSet) {
	await sql.query('TRUNCATE canteens, canteen_days, alerts, counties CASCADE');
	// Counties: 6-digit codes under 37 (province) → 37cc (city) → 37ccnn (county).
	await sql.query(
		`INSERT INTO counties (county_id, name, token_sha256)
		 SELECT code, '县' || code, md5(code) FROM (
		   SELECT '37' || lpad(city::text, 2, '0') || lpad(county::text, 2, '0') AS code
		   FROM generate_series(1, $1::int) AS city, generate_series(1, CASE WHEN $2 THEN 3 + (city * 7) % 14 ELSE 10 END) AS county
		 ) codes`,
		[set.cities, set.uneven]
	);
	await sql.query(
		`INSERT INTO canteens (canteen_id, county_id, name, type, district, required_mask, facts)
		 SELECT lpad(to_hex(n), 15, '0'), county_id, '食堂' || n, 'school', county_id, CASE WHEN n % 5 = 0 THEN 61 ELSE 63 END, '{}'::jsonb
		 FROM generate_series(1, $1::int) AS n
		 JOIN LATERAL (SELECT county_id FROM counties ORDER BY county_id OFFSET (CASE WHEN $2 THEN (n * n) % (SELECT count(*) FROM counties) ELSE n % (SELECT count(*) FROM counties) END) LIMIT 1) c ON true`,
		[set.canteens, set.uneven]
	);
	const first = '2026-10-01';
	for (let month = 0; month < 3; month++) {
		const m = `2026-${String(10 + month).padStart(2, '0')}`;
		const next = month === 2 ? '2027-01' : `2026-${String(11 + month).padStart(2, '0')}`;
		await sql.query(`CREATE TABLE IF NOT EXISTS canteen_days_${m.replace('-', '')} PARTITION OF canteen_days FOR VALUES FROM ('${m}-01') TO ('${next}-01')`);
		await sql.query(`CREATE TABLE IF NOT EXISTS alerts_${m.replace('-', '')} PARTITION OF alerts FOR VALUES FROM ('${m}-01 00:00:00+00') TO ('${next}-01 00:00:00+00')`);
	}
	// Most canteens keep most ledgers most days; some miss whole days, some a ledger.
	await sql.query(
		`INSERT INTO canteen_days (canteen_id, day, district, records, voided, late, kept_mask, kept_required, excluded_staff, flagged, overridden)
		 SELECT canteen_id, day, district, '{12,2,3,8,1,0,0,0}', '{0,0,0,0,0,0,0,0}', '{0,0,0,0,0,0,0,0}', mask, bit_count((mask & required_mask)::bit(32)),
		   (hashtext(canteen_id || day::text) & 63 = 1)::int, (hashtext(day::text || canteen_id) & 31 = 1)::int, 0
		 FROM (
		   SELECT c.canteen_id, d::date AS day, c.district, c.required_mask,
		     CASE WHEN (hashtext(c.canteen_id || d::text) & 15) = 0 THEN 0 WHEN (hashtext(c.canteen_id) & 7) = 0 THEN 47 ELSE 63 END AS mask
		   FROM canteens c, generate_series($1::date, $1::date + ($2::int - 1), interval '1 day') AS d
		 ) AS generated`,
		[first, set.days]
	);
	await sql.query(
		`INSERT INTO alerts (canteen_id, alert_id, raised_at, kind, grade, source, state, card, due_at, data)
		 SELECT c.canteen_id, lpad(to_hex(k), 15, '0'), $1::date + (k % $2) * interval '1 day' + interval '3 hours', 'cold_out_of_range', 1 + k % 3, 'ledger',
		   CASE WHEN k % 4 = 0 THEN 'open' ELSE 'closed' END, CASE WHEN k % 50 = 0 THEN 'red' ELSE '' END, $1::date + (k % $2) * interval '1 day' + interval '27 hours', '{}'::jsonb
		 FROM canteens c, generate_series(1, 2) AS j, LATERAL (SELECT (hashtext(c.canteen_id) & 65535) * 2 + j AS k) AS g`,
		[first, set.days]
	);
	await sql.query('VACUUM ANALYZE canteens');
	await sql.query('VACUUM ANALYZE canteen_days');
	await sql.query('VACUUM ANALYZE alerts');
	return { first, last: new Date(Date.parse(`${first}T00:00:00Z`) + (set.days - 1) * 86400000).toISOString().slice(0, 10) };
}

it('the province grid over 20,000 canteens × 30 days', async () => {
	const database = await startPostgres();
	const ingest = await startIngest({ databaseUrl: database.url, env: { PROVINCE_ADMIN_TOKEN: ADMIN, PROVINCE_VIEW_TOKEN: VIEWER } });
	// The ingest's own connection settings, so that the plan below is the one the view gets.
	const sql = new pg.Pool({ connectionString: database.url, max: 1, options: VIEW_CONNECTION_OPTIONS });
	try {
		const rows: string[][] = [];
		let plan = '';
		for (const set of [
			{ label: 'tuned', canteens: 20_000, cities: 16, days: 30, uneven: false },
			{ label: 'held out', canteens: 26_000, cities: 11, days: 45, uneven: true }
		] satisfies GridSet[]) {
			const { first, last } = await generate(sql, set);
			const from = new Date(Date.parse(`${last}T00:00:00Z`) - 29 * 86400000).toISOString().slice(0, 10);
			const today = new Date(Date.parse(`${last}T00:00:00Z`) + 86400000).toISOString().slice(0, 10);
			const cityCode = (await sql.query<{ c: string }>('SELECT left(min(district), 4) AS c FROM canteens')).rows[0]!.c;
			const countyCode = (await sql.query<{ c: string }>('SELECT min(district) AS c FROM canteens')).rows[0]!.c;
			for (const [level, under] of [
				['province (all)', ''],
				['cities of 37', '37'],
				['counties of a city', cityCode],
				['canteens of a county', countyCode]
			] as const) {
				const times: number[] = [];
				let shown = 0;
				for (let i = 0; i < 30; i++) {
					const t0 = performance.now();
					const response = await fetch(`${ingest.url}/v1/views/grid?from=${from}&to=${last}&under=${under}&today=${today}`, { headers: { authorization: `Bearer ${VIEWER}` } });
					const body = (await response.json()) as { rows: unknown[] };
					if (response.status !== 200) throw new Error(JSON.stringify(body));
					times.push(performance.now() - t0);
					shown = body.rows.length;
				}
				rows.push([set.label, `${set.canteens.toLocaleString('en')} × ${set.days} d (from ${first})`, level, String(shown), `${quantile(times, 0.5).toFixed(0)} / ${quantile(times, 0.95).toFixed(0)}`]);
			}
			if (set.label === 'tuned') {
				// The top level's plan, as the view runs it (the same SQL, from views.ts).
				const query = gridQuery({ from, to: last, under: '', today });
				const explained = await sql.query(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) ${query.sql}`, query.params);
				plan = explained.rows.map((r) => `    ${r['QUERY PLAN']}`).join('\n');
			}
		}
		output.push('', '2. Province grid, 30 days, each level read 30 times over HTTP (target p95 ≤ 500 ms)');
		table(['set', 'canteens × days', 'level', 'rows', 'p50 / p95 ms'], rows);
		output.push('', 'Plan of the province level (tuned set):', plan);
	} finally {
		await sql.end();
		await ingest.stop();
		await database.dispose();
	}
});
