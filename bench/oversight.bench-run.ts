// npm run bench -- bench/oversight.bench-run.ts — the oversight side at county scale (issue 13):
// a generated district of 500 canteens × 90 days (every ledger, 补录, gaps, exceptions) behind the
// regulator's grid, a second district of 500 generated with other odds and another seed and reported
// apart (held out: nothing was tuned on it), the export of 50,000 records (paging through the API,
// then XLSX and CSV: time and peak memory), and alarms from 50 AI devices posting at once.
// The districts are written straight into SQLite (sqlite3 CLI) — through the sync route they would take
// hours — with the columns the grid reads; what the grid does with them is the server's real code.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, it } from 'vitest';
import type PocketBase from 'pocketbase';
import { startTestServer, createUser, type TestServer } from '../tests/fixtures/server';
import { snapshotJpeg } from '../tests/fixtures/ai-camera';
import zhCN from '../app/lib/i18n/zh-CN';
import adminZhCN from '../app/lib/i18n/admin.zh-CN';
import { resolveSettings } from '../app/lib/domain';
import { ledgerViews, type LedgerView, type Translate } from '../app/lib/components/admin/ledger-views';
import { ledgerHeader, ledgerRow } from '../app/lib/export/ledger-rows';
import { csvOf, type Row } from '../app/lib/export/sheet';
import { xlsxBlob } from '../app/lib/export/spreadsheet';
import { ledgerPages } from '../app/lib/pb/ledger-browser-api';
import type { ColdReadingRecord } from '../app/lib/db/schema';

const CANTEENS = 500;
const DAYS = 90;
const EXPORT_ROWS = 50_000;
const DISTRICTS = [
	{ code: '640104', label: 'tuning district', seed: 11, kept: 95, late: 5, exceptional: 2 },
	{ code: '640105', label: 'held-out district', seed: 97, kept: 88, late: 9, exceptional: 4 }
];
const rows: string[][] = [];
let server: TestServer;
let dataDir: string;
const regulators: Record<string, PocketBase> = {};

const percentile = (values: number[], p: number) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const ms = (value: number) => `${value.toFixed(0)} ms`;
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** The SQL that writes a district: canteens, then each ledger's records per canteen-day. */
function districtSql({ code, seed, kept, late, exceptional }: (typeof DISTRICTS)[number], index: number): string {
	const lateJson = `CASE WHEN abs(random()) % 100 < ${late} THEN '[{"code":"late.entry","params":{"hours":4}}]' ELSE '[]' END`;
	const findings = `CASE WHEN abs(random()) % 100 < ${exceptional} THEN '[{"code":"cold.out_of_range","params":{"temperature":9}}]' ELSE '[]' END`;
	const id = `substr(lower(hex(randomblob(8))), 1, 15)`;
	const stamp = `strftime('%Y-%m-%d %H:%M:%fZ', 'now')`;
	const days = `d(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM d WHERE k < ${DAYS - 1})`;
	const canteens = `c(id) AS (SELECT id FROM canteens WHERE district = '${code}')`;
	// Each record its own "tablet" (device, seq must be unique), and findings where the ledger has them.
	const perDay = (table: string, perDayCount: number, extra: { columns: string; values: string } = { columns: '', values: '' }, withFindings = true) => `
WITH RECURSIVE ${days}, n(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM n WHERE j < ${perDayCount - 1}), ${canteens}
INSERT INTO ${table} (id, canteen, device, date, late, received_at, created, updated${withFindings ? ', findings' : ''}${extra.columns})
SELECT ${id}, c.id, ${id}, date('${today()}', '-' || (d.k + 1) || ' days'), ${lateJson}, ${stamp}, ${stamp}, ${stamp}${withFindings ? `, ${findings}` : ''}${extra.values}
FROM c, d, n WHERE abs(random()) % 100 < ${kept};`;
	return `
SELECT abs(random()) FROM (SELECT ${seed});
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${CANTEENS - 1})
INSERT INTO canteens (id, name, type, district, created, updated)
SELECT printf('bench%d%09d', ${index}, i), printf('${code} 食堂 %d', i), CASE WHEN i % 3 = 0 THEN 'school' WHEN i % 3 = 1 THEN 'elderly_care' ELSE 'hospital' END, '${code}', ${stamp}, ${stamp} FROM n;
${perDay('morning_checks', 6, { columns: ', outcome, staff, checked_by, temperature', values: `, CASE WHEN abs(random()) % 1000 < 8 THEN 'excluded' ELSE 'fit' END, 'benchstaff00000', '王建国', 36.5` })}
${perDay('cold_readings', 2)}
${perDay('food_samples', 2, undefined, false)}
${perDay('disinfections', 1)}
${perDay('waste_handovers', 1)}
${perDay('accompanied_meals', 1, undefined, false)}
${perDay('self_inspections', 2)}
${perDay('purchases', 1)}
`;
}

/** One canteen holding 50,000 cold-storage readings, for the export through the API. */
function bigCanteenSql(): string {
	return `
INSERT INTO canteens (id, name, type, district, created, updated) VALUES ('benchexport0000', '导出测试食堂', 'school', '640104', '2026-01-01 00:00:00.000Z', '2026-01-01 00:00:00.000Z');
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${EXPORT_ROWS - 1})
INSERT INTO cold_readings (id, canteen, device, unit, kind, temperature_c, read_at, read_by, reason, accepted_by, date, late, findings, received_at, entered_at, created, updated)
SELECT substr(lower(hex(randomblob(8))), 1, 15), 'benchexport0000', substr(lower(hex(randomblob(8))), 1, 15), printf('冷藏柜 %d', i % 12 + 1), 'refrigerator', 2 + (i % 50) / 10.0,
	strftime('%Y-%m-%d %H:%M:%fZ', 'now', '-' || (i / 40) || ' hours'), '陈静', '', '', date('now', '-' || (i / 960) || ' days'), '[]', '[]',
	strftime('%Y-%m-%d %H:%M:%fZ', 'now', '-' || (i / 40) || ' hours'), strftime('%Y-%m-%d %H:%M:%fZ', 'now', '-' || (i / 40) || ' hours'), '2026-01-01 00:00:00.000Z', '2026-01-01 00:00:00.000Z' FROM n;`;
}

beforeAll(async () => {
	dataDir = mkdtempSync(join(tmpdir(), 'mingchu-bench-oversight-'));
	server = await startTestServer({ dataDir });
	for (const district of DISTRICTS) regulators[district.code] = (await createUser(server, { role: 'regulator', district: district.code })).pb;
	await server.stop();
	const sql = ['PRAGMA journal_mode=WAL;', 'BEGIN;', ...DISTRICTS.map(districtSql), bigCanteenSql(), 'COMMIT;', 'ANALYZE;'].join('\n');
	const file = join(dataDir, 'district.sql');
	writeFileSync(file, sql);
	const started = performance.now();
	execFileSync('sqlite3', [join(dataDir, 'data.db'), `.read ${file}`], { stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 26 });
	const count = execFileSync('sqlite3', [join(dataDir, 'data.db'), "SELECT (SELECT COUNT(*) FROM morning_checks) + (SELECT COUNT(*) FROM cold_readings) + (SELECT COUNT(*) FROM food_samples) + (SELECT COUNT(*) FROM disinfections) + (SELECT COUNT(*) FROM waste_handovers) + (SELECT COUNT(*) FROM accompanied_meals) + (SELECT COUNT(*) FROM self_inspections) + (SELECT COUNT(*) FROM purchases);"]).toString().trim();
	rows.push(['generated ledger records (2 districts + export canteen)', Number(count).toLocaleString('en'), `${((performance.now() - started) / 1000).toFixed(1)} s to write`, '']);
	await server.restart();
	// The day summary the grid reads is kept as records arrive; records written straight into SQLite
	// are counted by the operator's rebuild, timed here.
	const rebuilt = performance.now();
	await server.superuser.send('/api/mingchu/oversight/rebuild-days', { method: 'POST', body: {} });
	rows.push(['day summary rebuilt from all records (operator route)', `${((performance.now() - rebuilt) / 1000).toFixed(1)} s`, 'nightly: the last 7 days only', '']);
	for (const district of DISTRICTS) {
		regulators[district.code] = await (await import('../server/provision.mjs')).signInAdministrator({ url: server.server.url, email: regulators[district.code]!.authStore.record!.email, password: 'user-password-1' });
	}
}, 900_000);

afterAll(async () => {
	await server?.dispose();
	const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
	const width = [58, 18, 26, 16];
	const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(width[i]!)).join(' | ')} |`;
	console.log(['', `Mingchu oversight — ${new Date().toISOString()}`, `machine: ${machine}; PocketBase on loopback`, line(['measure', 'value', 'detail', 'target']), line(width.map((w) => '-'.repeat(w))), ...rows.map(line), ''].join('\n'));
});

async function timed(run: () => Promise<unknown>, times: number): Promise<number[]> {
	const spent: number[] = [];
	for (let i = 0; i < times; i += 1) {
		const started = performance.now();
		await run();
		spent.push(performance.now() - started);
	}
	return spent;
}

it('the regulator’s grid over 500 canteens: a day, a week, a month, 90 days', async () => {
	for (const district of DISTRICTS) {
		const pb = regulators[district.code]!;
		const day = (k: number) => new Date(Date.now() + 8 * 3600_000 - k * 86400_000).toISOString().slice(0, 10);
		await pb.send('/api/mingchu/oversight/grid', { query: { from: day(1), to: day(1) } });
		const single = await timed(async () => {
			const one = day(1 + Math.floor(Math.random() * 80));
			return pb.send('/api/mingchu/oversight/grid', { query: { from: one, to: one } });
		}, 20);
		const canteens = await timed(() => pb.collection('canteens').getFullList({ fields: 'id,name,type,district' }), 10);
		rows.push([`${district.label}: day grid (500 canteens), p50 / p95`, `${ms(percentile(single, 50))} / ${ms(percentile(single, 95))}`, '20 calls, random days', '≤ 300 ms p95']);
		rows.push([`${district.label}: canteen list behind the page, p95`, ms(percentile(canteens, 95)), '10 calls', '']);
		for (const [span, target] of [[7, ''], [30, ''], [90, '≤ 1 s']] as const) {
			const range = await timed(() => pb.send('/api/mingchu/oversight/grid', { query: { from: day(span), to: day(1) } }), 5);
			rows.push([`${district.label}: ${span}-day grid, p50 / p95`, `${ms(percentile(range, 50))} / ${ms(percentile(range, 95))}`, '5 calls', target]);
		}
	}
});

it('exports 50,000 records: paging through the API, then XLSX and CSV', async () => {
	const pb = server.superuser;
	const query = { canteen: 'benchexport0000', ledger: 'cold_readings', from: '2000-01-01', to: '2100-01-01', person: '', personField: 'read_by', only: 'all' as const };
	const messages = { ...zhCN, ...adminZhCN } as Record<string, unknown>;
	const t = ((id: string, options?: { values?: Record<string, unknown> }) => {
		const text = id.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], messages);
		return typeof text === 'string' ? text.replace(/\{(\w+)\}/g, (_, key) => String(options?.values?.[key] ?? '')) : id;
	}) as Translate;
	const view = ledgerViews(t).cold_readings as LedgerView<ColdReadingRecord>;
	const settings = resolveSettings({ type: 'school' });
	let peak = process.memoryUsage().rss;
	const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
	const before = process.memoryUsage().rss;
	let started = performance.now();
	const sheet: Row[] = [ledgerHeader(view, t)];
	for await (const { items } of ledgerPages<ColdReadingRecord>({ pb, query, sort: '-date,-created' })) {
		for (const record of items) sheet.push(ledgerRow({ ledger: 'cold_readings', view, record, voids: new Map(), settings, t }));
	}
	const fetched = performance.now() - started;
	started = performance.now();
	const xlsx = await xlsxBlob(sheet, '冷藏温度');
	const xlsxTime = performance.now() - started;
	started = performance.now();
	const csv = csvOf(sheet);
	const csvTime = performance.now() - started;
	clearInterval(sampler);
	rows.push(['export: 50,000 records fetched in pages of 500 + rows made', `${(fetched / 1000).toFixed(1)} s`, `${sheet.length - 1} rows`, '']);
	rows.push(['export: XLSX written (write-excel-file)', `${(xlsxTime / 1000).toFixed(1)} s`, `${(xlsx.size / 2 ** 20).toFixed(1)} MiB file`, '']);
	rows.push(['export: CSV written', ms(csvTime), `${(Buffer.byteLength(csv) / 2 ** 20).toFixed(1)} MiB file`, '']);
	rows.push(['export: peak memory (RSS) over the whole export', `${(peak / 2 ** 20).toFixed(0)} MiB`, `+${((peak - before) / 2 ** 20).toFixed(0)} MiB over the start`, '']);
});

it('takes alarms from 50 AI devices posting at once', async () => {
	const [canteen] = await server.superuser.collection('canteens').getList(1, 1, { filter: 'district = "640104"' }).then((page) => page.items);
	const tokens: string[] = [];
	for (let i = 0; i < 50; i += 1) {
		const made = await server.superuser.send<{ token: string }>('/api/mingchu/event-devices', { method: 'POST', body: { canteen: canteen!.id, name: `AI 盒子 ${i}`, kind: 'ai_camera' } });
		tokens.push(made.token);
	}
	const snapshot = snapshotJpeg().toString('base64');
	const latencies: number[] = [];
	const perDevice = 10;
	const started = performance.now();
	await Promise.all(
		tokens.map(async (token, device) => {
			for (let n = 0; n < perDevice; n += 1) {
				const sent = performance.now();
				const response = await fetch(`${server.server.url}/api/mingchu/events/ai`, {
					method: 'POST',
					headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
					body: JSON.stringify({ kind: n % 2 ? 'no_hat' : 'smoking', time: new Date().toISOString(), event_id: `bench-${device}-${n}`, snapshot })
				});
				if (response.status !== 201) throw new Error(`event refused: ${response.status} ${await response.text()}`);
				latencies.push(performance.now() - sent);
			}
		})
	);
	const seconds = (performance.now() - started) / 1000;
	rows.push(['AI alarms: 50 devices × 10 events with a snapshot, all at once', `${(latencies.length / seconds).toFixed(0)} events/s`, `p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}`, '']);
});
