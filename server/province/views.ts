// What the province reads from the warehouse: the district grid (province → city → county → canteen),
// the monthly progress per county and the five headline indicators. Completeness is counted as the
// county's grid counts it (app/lib/domain/oversight.ts): owed ledger-days are the canteen's required
// ledgers on each past day; a ledger-day is kept when it has a record not voided. Today owes nothing yet.
import type { Pool } from 'pg';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The views sort and hash hundreds of thousands of day rows: PostgreSQL's default 4 MB spilled them to disk. */
export const VIEW_CONNECTION_OPTIONS = '-c work_mem=32MB';

export class ViewError extends Error {}

function addDays(day: string, days: number): string {
	return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86400000).toISOString().slice(0, 10);
}

function daysFrom(from: string, to: string): number {
	return to < from ? 0 : Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400000) + 1;
}

/** Today in China unless the caller's clock says otherwise. */
export function todayOf(value: unknown): string {
	if (typeof value === 'string' && DAY.test(value)) return value;
	return new Date(Date.now() + 8 * 3600000).toISOString().slice(0, 10);
}

const rate = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null);

/** The level below `under`: '' → provinces (2 digits), 2 → cities (4), 4 → counties (6), 6 → canteens. */
export function gridQuery(query: Record<string, string | undefined>) {
	const from = query.from ?? '';
	const to = query.to ?? from;
	const under = query.under ?? '';
	if (!DAY.test(from) || !DAY.test(to) || from > to || daysFrom(from, to) > 366) throw new ViewError('from, to: a date range of a year at most (YYYY-MM-DD)');
	if (!/^(\d{2}|\d{4}|\d{6})?$/.test(under)) throw new ViewError('under: a 2-, 4- or 6-digit division code');
	const today = todayOf(query.today);
	const last = to < today ? to : addDays(today, -1);
	const days = daysFrom(from, last);
	const byCanteen = under.length === 6;
	// Each part is summed by the row's key (division code prefix, or canteen) from its own narrow source:
	// kept ledger-days off canteen_days' covering index (district and kept_required are kept there by
	// the ingest), owed from the canteens, open alerts from their partial index; then joined by key.
	const group = (district: string, canteen: string) => (byCanteen ? canteen : `left(${district}, ${under.length + 2})`);
	const sql = `
		WITH owed AS (
			SELECT ${group('c.district', 'c.canteen_id')} AS code, min(c.name) AS name, min(co.name) AS county_name, count(*)::int AS canteens,
				sum(bit_count(c.required_mask::bit(32)) * $4::int)::int AS owed
			FROM canteens c JOIN counties co USING (county_id)
			WHERE NOT c.deleted AND c.district LIKE $1 || '%'
			GROUP BY 1
		), kept AS (
			SELECT ${group('district', 'canteen_id')} AS code, sum(kept_required)::int AS kept, sum(excluded_staff + flagged + overridden)::int AS exceptions
			FROM canteen_days
			WHERE day >= $2 AND day <= $3 AND district LIKE $1 || '%'
			GROUP BY 1
		), open AS (
			SELECT ${group('c.district', 'c.canteen_id')} AS code, count(*)::int AS open, count(*) FILTER (WHERE a.card = 'red')::int AS red
			FROM alerts a JOIN canteens c USING (canteen_id)
			WHERE a.state <> 'closed' AND NOT a.deleted AND NOT c.deleted AND c.district LIKE $1 || '%'
			GROUP BY 1
		)
		SELECT owed.code, owed.name, owed.county_name, owed.canteens, owed.owed, coalesce(kept.kept, 0) AS kept,
			coalesce(kept.exceptions, 0) AS exceptions, coalesce(open.open, 0) AS open_alerts, coalesce(open.red, 0) AS red_cards
		FROM owed LEFT JOIN kept USING (code) LEFT JOIN open USING (code)
		ORDER BY 1`;
	return { sql, params: [under, from, last, days], from, to, under, today, byCanteen };
}

export async function grid(pool: Pool, query: Record<string, string | undefined>) {
	const { sql, params, from, to, under, today, byCanteen } = gridQuery(query);
	const result = await pool.query(sql, params);
	return {
		from,
		to,
		under,
		level: byCanteen ? 'canteen' : (['province', 'city', 'county'] as const)[under.length / 2],
		today,
		rows: result.rows.map((row) => ({
			code: row.code,
			name: byCanteen ? row.name : row.code.length === 6 ? row.county_name : '',
			canteens: row.canteens,
			owed: row.owed,
			kept: row.kept,
			completeness: rate(row.kept, row.owed),
			exceptions: row.exceptions,
			open_alerts: row.open_alerts,
			red_cards: row.red_cards
		}))
	};
}

/** Per county, one month: completeness, alerts raised and rectified (on time), complaints, inspections. */
export async function monthly(pool: Pool, query: Record<string, string | undefined>) {
	const month = query.month ?? '';
	if (!/^\d{4}-\d{2}$/.test(month)) throw new ViewError('month: YYYY-MM');
	const today = todayOf(query.today);
	const first = `${month}-01`;
	const lastOfMonth = addDays(addDays(first, 32).slice(0, 8) + '01', -1);
	const last = lastOfMonth < today ? lastOfMonth : addDays(today, -1);
	const days = daysFrom(first, last);
	const sql = `
		WITH c AS (SELECT canteen_id, county_id, required_mask FROM canteens WHERE NOT deleted),
		kept AS (
			SELECT c.county_id, sum(d.kept)::int AS kept
			FROM (SELECT canteen_id, sum(kept_required) AS kept FROM canteen_days WHERE day >= $1 AND day <= $2 GROUP BY canteen_id) d JOIN c USING (canteen_id)
			GROUP BY c.county_id
		), raised AS (
			SELECT c.county_id, count(*)::int AS raised,
				count(*) FILTER (WHERE a.state = 'closed')::int AS closed,
				count(*) FILTER (WHERE a.state = 'closed' AND (a.due_at IS NULL OR a.closed_at <= a.due_at))::int AS on_time,
				count(*) FILTER (WHERE a.source = 'complaint')::int AS complaints
			FROM alerts a JOIN c USING (canteen_id)
			WHERE NOT a.deleted AND a.raised_at >= $1::date - interval '8 hours' AND a.raised_at < $3::date - interval '8 hours'
			GROUP BY c.county_id
		), inspected AS (
			SELECT c.county_id, count(*)::int AS inspections FROM inspections i JOIN c USING (canteen_id)
			WHERE NOT i.deleted AND i.started_at >= $1::date - interval '8 hours' AND i.started_at < $3::date - interval '8 hours' GROUP BY c.county_id
		)
		SELECT co.county_id, co.name, count(c.canteen_id)::int AS canteens, coalesce(sum(bit_count(c.required_mask::bit(32)) * $4::int), 0)::int AS owed,
			coalesce(max(kept.kept), 0)::int AS kept, coalesce(max(raised.raised), 0)::int AS alerts, coalesce(max(raised.closed), 0)::int AS closed,
			coalesce(max(raised.on_time), 0)::int AS on_time, coalesce(max(raised.complaints), 0)::int AS complaints, coalesce(max(inspected.inspections), 0)::int AS inspections
		FROM counties co LEFT JOIN c USING (county_id) LEFT JOIN kept USING (county_id) LEFT JOIN raised USING (county_id) LEFT JOIN inspected USING (county_id)
		GROUP BY co.county_id, co.name ORDER BY co.county_id`;
	const result = await pool.query(sql, [first, last, addDays(lastOfMonth, 1), days]);
	return {
		month,
		today,
		rows: result.rows.map((row) => ({
			county: row.county_id,
			name: row.name,
			canteens: row.canteens,
			completeness: rate(row.kept, row.owed),
			alerts: row.alerts,
			rectified: rate(row.closed, row.alerts),
			rectified_on_time: rate(row.on_time, row.alerts),
			complaints: row.complaints,
			inspections: row.inspections
		}))
	};
}

/** The five indicators: units connected, cameras online, yesterday's completeness, alerts, complaints (30 days). */
export async function headline(pool: Pool, query: Record<string, string | undefined>) {
	const today = todayOf(query.today);
	const yesterday = addDays(today, -1);
	const since = addDays(today, -30);
	const units = await pool.query(
		`SELECT count(*)::int AS canteens,
			count(*) FILTER (WHERE EXISTS (SELECT 1 FROM canteen_days d WHERE d.canteen_id = c.canteen_id AND d.day >= $1 AND d.day <= $2 AND d.kept_mask <> 0))::int AS connected,
			coalesce(sum(bit_count(c.required_mask::bit(32))), 0)::int AS owed,
			coalesce(sum((SELECT d.kept_required FROM canteen_days d WHERE d.canteen_id = c.canteen_id AND d.day = $3)), 0)::int AS kept
		 FROM canteens c WHERE NOT c.deleted`,
		[addDays(today, -7), today, yesterday]
	);
	const cameras = await pool.query(
		`SELECT count(*)::int AS cameras, count(*) FILTER (WHERE online)::int AS online FROM cameras k JOIN canteens c USING (canteen_id) WHERE NOT k.deleted AND NOT k.on_demand AND NOT c.deleted`
	);
	const alerts = await pool.query(
		`SELECT count(*) FILTER (WHERE state <> 'closed')::int AS open,
			count(*) FILTER (WHERE raised_at >= $1::date - interval '8 hours')::int AS raised,
			count(*) FILTER (WHERE raised_at >= $1::date - interval '8 hours' AND state = 'closed')::int AS closed,
			count(*) FILTER (WHERE raised_at >= $1::date - interval '8 hours' AND source = 'complaint')::int AS complaints
		 FROM alerts WHERE NOT deleted`,
		[since]
	);
	const u = units.rows[0];
	const k = cameras.rows[0];
	const a = alerts.rows[0];
	return {
		today,
		units: { canteens: u.canteens, connected: u.connected, rate: rate(u.connected, u.canteens) },
		cameras: { cameras: k.cameras, online: k.online, rate: rate(k.online, k.cameras) },
		completeness: { day: yesterday, owed: u.owed, kept: u.kept, rate: rate(u.kept, u.owed) },
		alerts: { open: a.open, raised_30d: a.raised, closed_30d: a.closed, rectification_rate: rate(a.closed, a.raised) },
		complaints: { last_30d: a.complaints }
	};
}

export async function problems(pool: Pool) {
	const result = await pool.query(
		"SELECT canteen_id AS canteen, kind, collection, record_id, to_char(day, 'YYYY-MM-DD') AS day, detail, found_at FROM problems ORDER BY found_at DESC, problem_id DESC LIMIT 200"
	);
	return { problems: result.rows };
}
