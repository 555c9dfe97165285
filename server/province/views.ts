// What the province reads from the warehouse: the district grid (province → city → county → canteen),
// the monthly progress per county and the five headline indicators. Completeness is counted as the
// county's grid counts it (app/lib/domain/oversight.ts): owed ledger-days are the canteen's required
// ledgers on each past day; a ledger-day is kept when it has a record not voided. Today owes nothing yet.
import type { Pool } from 'pg';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

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
export async function grid(pool: Pool, query: Record<string, string | undefined>) {
	const from = query.from ?? '';
	const to = query.to ?? from;
	const under = query.under ?? '';
	if (!DAY.test(from) || !DAY.test(to) || from > to || daysFrom(from, to) > 366) throw new ViewError('from, to: a date range of a year at most (YYYY-MM-DD)');
	if (!/^(\d{2}|\d{4}|\d{6})?$/.test(under)) throw new ViewError('under: a 2-, 4- or 6-digit division code');
	const today = todayOf(query.today);
	const last = to < today ? to : addDays(today, -1);
	const days = daysFrom(from, last);
	const byCanteen = under.length === 6;
	const key = byCanteen ? 'c.canteen_id' : `left(c.district, ${under.length + 2})`;
	const sql = `
		WITH c AS (
			SELECT canteen_id, county_id, name, district, required_mask FROM canteens WHERE NOT deleted AND district LIKE $1 || '%'
		), kept AS (
			SELECT d.canteen_id, sum(bit_count((d.kept_mask & c.required_mask)::bit(32)))::int AS kept, sum(d.excluded_staff + d.flagged + d.overridden)::int AS exceptions
			FROM canteen_days d JOIN c USING (canteen_id)
			WHERE d.day >= $2 AND d.day <= $3
			GROUP BY d.canteen_id
		), open AS (
			SELECT a.canteen_id, count(*) FILTER (WHERE a.state <> 'closed')::int AS open, count(*) FILTER (WHERE a.card = 'red' AND a.state <> 'closed')::int AS red
			FROM alerts a JOIN c USING (canteen_id) WHERE NOT a.deleted GROUP BY a.canteen_id
		)
		SELECT ${key} AS code, min(c.name) AS name, min(co.name) AS county_name, count(*)::int AS canteens,
			sum(bit_count(c.required_mask::bit(32)) * $4::int)::int AS owed, coalesce(sum(kept.kept), 0)::int AS kept,
			coalesce(sum(kept.exceptions), 0)::int AS exceptions, coalesce(sum(open.open), 0)::int AS open_alerts, coalesce(sum(open.red), 0)::int AS red_cards
		FROM c JOIN counties co USING (county_id) LEFT JOIN kept USING (canteen_id) LEFT JOIN open USING (canteen_id)
		GROUP BY 1 ORDER BY 1`;
	const result = await pool.query(sql, [under, from, last, days]);
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
			SELECT c.county_id, sum(bit_count((d.kept_mask & c.required_mask)::bit(32)))::int AS kept
			FROM canteen_days d JOIN c USING (canteen_id) WHERE d.day >= $1 AND d.day <= $2 GROUP BY c.county_id
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
			coalesce(sum((SELECT bit_count((d.kept_mask & c.required_mask)::bit(32)) FROM canteen_days d WHERE d.canteen_id = c.canteen_id AND d.day = $3)), 0)::int AS kept
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
