// GET /api/mingchu/oversight/grid: for every canteen the caller may read (lib/access.js) and a day or a
// range, each ledger's done / 补录 / missing days and the exceptions, as counts. Counts only: the
// regulator's grid carries no names, symptoms or certificate numbers (issue 13); the canteen's managers
// open the records themselves.
const rules = require(`${__hooks}/lib/domain.cjs`);
const access = require(`${__hooks}/lib/access.js`);
const { settingsOf } = require(`${__hooks}/lib/canteen.js`);

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_DAYS = 366;

function daysBetween(from, to) {
	const days = [];
	const end = Date.parse(to + "T00:00:00Z");
	for (let t = Date.parse(from + "T00:00:00Z"); t <= end && days.length <= MAX_DAYS; t += 86400000) {
		days.push(new Date(t).toISOString().slice(0, 10));
	}
	return days;
}

function rowsOf(app, sql, params, shape) {
	const rows = arrayOf(new DynamicModel(shape));
	app.db().newQuery(sql).bind(params).all(rows);
	return rows;
}

/** `canteen IN ({:c0}, …)` with its parameters. */
function canteenIn(ids) {
	const params = {};
	const names = ids.map((id, i) => {
		params["c" + i] = id;
		return "{:c" + i + "}";
	});
	return { sql: `canteen IN (${names.join(",") || "''"})`, params };
}

function countBy(app, sql, params) {
	const out = {};
	for (const row of rowsOf(app, sql, params, { canteen: "", n: 0 })) out[row.canteen] = row.n;
	return out;
}

function grid(e) {
	const query = e.requestInfo().query;
	const from = String(query.from || "");
	const to = String(query.to || from);
	if (!DAY.test(from) || !DAY.test(to) || from > to || daysBetween(from, to).length > MAX_DAYS) {
		throw new BadRequestError("请选择有效的日期范围（最长一年）/ Choose a valid date range (a year at most)");
	}
	let canteens = access.canteensInSight(e);
	if (query.district) {
		const scope = access.districtScope(String(query.district));
		if (!scope) throw new BadRequestError("district: 6 位行政区划代码 / a 6-digit district code");
		canteens = canteens.filter((c) => access.inScope(scope, c.getString("district")));
	}
	if (query.canteen) canteens = canteens.filter((c) => c.id === String(query.canteen));
	const app = e.app;
	const days = daysBetween(from, to);
	const ids = canteens.map((c) => c.id);
	const within = canteenIn(ids);
	const range = Object.assign({ from, to }, within.params);
	// Record times are UTC; the canteens' days are China time unless a canteen says otherwise.
	const offset = canteens.length ? settingsOf(canteens[0]).utcOffsetMinutes : 480;
	const utc = (day, endOfDay) => new Date(Date.parse(day + (endOfDay ? "T23:59:59.999Z" : "T00:00:00Z")) - offset * 60000).toISOString().replace("T", " ");
	const instants = Object.assign({ start: utc(from, false), end: utc(to, true) }, within.params);

	// Each canteen's settings, resolved once per distinct type and overrides (500 canteens share few).
	const settingsCache = {};
	const settingsFor = (canteen) => {
		const key = canteen.getString("type") + "|" + canteen.getString("settings");
		return (settingsCache[key] = settingsCache[key] || settingsOf(canteen));
	};
	const today = rules.localDateOf(new Date(), offset);
	// Days after today are owed nothing; today is owed only what has been kept (the rest is pending).
	const last = to < today ? to : today;
	const pastDays = days.filter((day) => day < today).length;
	const bounds = Object.assign({ from, last, today }, within.params);

	// Per ledger and canteen, from the day summary (lib/ledger-days.js): days kept, days kept only by
	// 补录, records, kept today, and the day-level exceptions.
	const perCanteen = {};
	const required = {};
	for (const ledger of rules.GRID_LEDGERS) {
		required[ledger] = canteens.filter((c) => rules.requiredLedgers(settingsFor(c)).indexOf(ledger) >= 0).map((c) => c.id);
		perCanteen[ledger] = {};
	}
	if (from <= last) {
		const kept =
			`SELECT canteen, ledger, COUNT(*) AS kept, SUM(CASE WHEN late >= records - voided THEN 1 ELSE 0 END) AS late, SUM(records - voided) AS records, ` +
			`MAX(date = {:today}) AS today_kept FROM ledger_days WHERE ${within.sql} AND date >= {:from} AND date <= {:last} AND records > voided GROUP BY canteen, ledger`;
		for (const row of rowsOf(app, kept, bounds, { canteen: "", ledger: "", kept: 0, late: 0, records: 0, today_kept: 0 })) {
			if (perCanteen[row.ledger]) perCanteen[row.ledger][row.canteen] = row;
		}
	}
	const dayExceptions = {};
	const exceptionSql =
		`SELECT canteen, SUM(excluded_staff) AS excluded, SUM(CASE WHEN ledger = 'cold_readings' THEN flagged ELSE 0 END) AS cold, ` +
		`SUM(CASE WHEN ledger = 'disinfections' THEN flagged ELSE 0 END) AS disinfection, SUM(overridden) AS overrides ` +
		`FROM ledger_days WHERE ${within.sql} AND date >= {:from} AND date <= {:to} GROUP BY canteen`;
	for (const row of rowsOf(app, exceptionSql, range, { canteen: "", excluded: 0, cold: 0, disinfection: 0, overrides: 0 })) dayExceptions[row.canteen] = row;

	// The trend: per day, ledger-days owed and kept across the canteens that owe them.
	const daily = {};
	for (const day of days) daily[day] = { date: day, owed: 0, kept: 0 };
	for (const ledger of rules.GRID_LEDGERS) {
		if (!required[ledger].length || from > last) continue;
		for (const day of days) if (day < today) daily[day].owed += required[ledger].length;
		const owing = canteenIn(required[ledger]);
		const sql = `SELECT date, COUNT(*) AS n FROM ledger_days WHERE ${owing.sql} AND ledger = '${ledger}' AND date >= {:from} AND date <= {:last} AND records > voided GROUP BY date`;
		for (const row of rowsOf(app, sql, Object.assign({ from, last }, owing.params), { date: "", n: 0 })) {
			daily[row.date].kept += row.n;
			if (row.date === today) daily[row.date].owed += row.n;
		}
	}
	const voids = countBy(app, `SELECT canteen, COUNT(*) AS n FROM voids WHERE ${within.sql} AND voided_at >= {:start} AND voided_at <= {:end} GROUP BY canteen`, instants);
	const refused = countBy(app, `SELECT canteen, COUNT(*) AS n FROM refused_submissions WHERE ${within.sql} AND created >= {:start} AND created <= {:end} GROUP BY canteen`, instants);
	const camerasOffline = countBy(app, `SELECT canteen, COUNT(*) AS n FROM cameras WHERE ${within.sql} AND online = FALSE AND on_demand = FALSE GROUP BY canteen`, within.params);
	const certificateDay = Object.assign({ to, soon: new Date(Date.parse(to + "T00:00:00Z") + 30 * 86400000).toISOString().slice(0, 10) }, within.params);
	const expired = countBy(app, `SELECT canteen, COUNT(*) AS n FROM staff WHERE ${within.sql} AND active = TRUE AND food_contact = TRUE AND certificate_expires != '' AND certificate_expires < {:to} GROUP BY canteen`, certificateDay);
	// Rules 7–8 and 13: people kept from food until cleared to return, now (a count: no names leave the canteen).
	const out = countBy(app, `SELECT canteen, COUNT(*) AS n FROM staff WHERE ${within.sql} AND active = TRUE AND (excluded_since != '' OR (health_conditions IS NOT NULL AND health_conditions NOT IN ('', '[]', 'null'))) GROUP BY canteen`, within.params);
	const expiring = countBy(app, `SELECT canteen, COUNT(*) AS n FROM staff WHERE ${within.sql} AND active = TRUE AND food_contact = TRUE AND certificate_expires >= {:to} AND certificate_expires <= {:soon} GROUP BY canteen`, certificateDay);
	const alertRows = rowsOf(
		app,
		`SELECT canteen, SUM(CASE WHEN state != 'closed' THEN 1 ELSE 0 END) AS open, SUM(CASE WHEN card = 'yellow' THEN 1 ELSE 0 END) AS yellow, SUM(CASE WHEN card = 'red' THEN 1 ELSE 0 END) AS red FROM alerts WHERE ${within.sql} GROUP BY canteen`,
		within.params,
		{ canteen: "", open: 0, yellow: 0, red: 0 },
	);
	const alerts = {};
	for (const row of alertRows) alerts[row.canteen] = row;

	const result = canteens.map((canteen) => {
		const owes = rules.requiredLedgers(settingsFor(canteen));
		const ledgers = {};
		for (const ledger of rules.GRID_LEDGERS) {
			const row = perCanteen[ledger][canteen.id] || { kept: 0, late: 0, records: 0, today_kept: 0 };
			const keptBefore = row.kept - (row.today_kept ? 1 : 0);
			const cell = {
				required: owes.indexOf(ledger) >= 0,
				records: row.records,
				done: row.kept - row.late,
				late: row.late,
				missing: Math.max(0, pastDays - keptBefore),
				pending: last === today && to >= today && !row.today_kept ? 1 : 0,
			};
			cell.state = rules.cellState(cell);
			ledgers[ledger] = cell;
		}
		const card = alerts[canteen.id] || { open: 0, yellow: 0, red: 0 };
		return {
			id: canteen.id,
			name: canteen.getString("name"),
			type: canteen.getString("type"),
			district: canteen.getString("district"),
			today,
			ledgers,
			completeness: rules.completeness(Object.keys(ledgers).map((k) => ledgers[k])),
			exceptions: {
				excluded: (dayExceptions[canteen.id] || {}).excluded || 0,
				staff_out: out[canteen.id] || 0,
				certificates_expired: expired[canteen.id] || 0,
				certificates_expiring: expiring[canteen.id] || 0,
				cold_out_of_range: (dayExceptions[canteen.id] || {}).cold || 0,
				disinfection: (dayExceptions[canteen.id] || {}).disinfection || 0,
				overrides: (dayExceptions[canteen.id] || {}).overrides || 0,
				voids: voids[canteen.id] || 0,
				refused: refused[canteen.id] || 0,
				cameras_offline: camerasOffline[canteen.id] || 0,
				open_alerts: card.open,
				yellow_cards: card.yellow,
				red_cards: card.red,
			},
		};
	});
	return e.json(200, { from, to, days: days.length, ledgers: rules.GRID_LEDGERS, canteens: result, daily: days.map((day) => daily[day]) });
}

module.exports = { grid };
