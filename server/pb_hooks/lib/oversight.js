// GET /api/mingchu/oversight/grid: for every canteen the caller may read (lib/access.js) and a day or a
// range, each ledger's done / 补录 / missing days and the exceptions, as counts. Counts only: the
// regulator's grid carries no names, symptoms or certificate numbers (issue 13); the canteen's managers
// open the records themselves.
const rules = require(`${__hooks}/lib/domain.cjs`);
const access = require(`${__hooks}/lib/access.js`);
const { settingsOf } = require(`${__hooks}/lib/canteen.js`);

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_DAYS = 366;
const NOT_EMPTY_JSON = (field) => `(${field} IS NOT NULL AND ${field} NOT IN ('', '[]', 'null', '{}'))`;

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

	// Per ledger: for each canteen-day, were there records, and were they all 补录?
	const perDay = {};
	for (const ledger of rules.GRID_LEDGERS) {
		const sql =
			`SELECT canteen, date, COUNT(*) AS n, SUM(CASE WHEN ${NOT_EMPTY_JSON("late")} THEN 1 ELSE 0 END) AS late ` +
			`FROM ${ledger} WHERE ${within.sql} AND date >= {:from} AND date <= {:to} ` +
			`AND id NOT IN (SELECT record_id FROM voids WHERE ledger = '${ledger}') GROUP BY canteen, date`;
		perDay[ledger] = {};
		for (const row of rowsOf(app, sql, range, { canteen: "", date: "", n: 0, late: 0 })) {
			perDay[ledger][row.canteen + "|" + row.date] = row;
		}
	}
	const where = `${within.sql} AND date >= {:from} AND date <= {:to}`;
	const excluded = countBy(app, `SELECT canteen, COUNT(*) AS n FROM morning_checks WHERE ${where} AND outcome = 'excluded' AND id NOT IN (SELECT record_id FROM voids WHERE ledger = 'morning_checks') GROUP BY canteen`, range);
	const cold = countBy(app, `SELECT canteen, COUNT(*) AS n FROM cold_readings WHERE ${where} AND ${NOT_EMPTY_JSON("findings")} GROUP BY canteen`, range);
	const disinfection = countBy(app, `SELECT canteen, COUNT(*) AS n FROM disinfections WHERE ${where} AND ${NOT_EMPTY_JSON("findings")} GROUP BY canteen`, range);
	const overrides = countBy(
		app,
		`SELECT canteen, COUNT(*) AS n FROM (SELECT canteen FROM cold_readings WHERE ${where} AND reason != '' UNION ALL SELECT canteen FROM disinfections WHERE ${where} AND reason != '' UNION ALL SELECT canteen FROM meal_closures WHERE ${where} AND reason != '') GROUP BY canteen`,
		range,
	);
	const voids = countBy(app, `SELECT canteen, COUNT(*) AS n FROM voids WHERE ${within.sql} AND voided_at >= {:start} AND voided_at <= {:end} GROUP BY canteen`, instants);
	const refused = countBy(app, `SELECT canteen, COUNT(*) AS n FROM refused_submissions WHERE ${within.sql} AND created >= {:start} AND created <= {:end} GROUP BY canteen`, instants);
	const camerasOffline = countBy(app, `SELECT canteen, COUNT(*) AS n FROM cameras WHERE ${within.sql} AND online = FALSE AND on_demand = FALSE GROUP BY canteen`, within.params);
	const certificateDay = Object.assign({ to, soon: new Date(Date.parse(to + "T00:00:00Z") + 30 * 86400000).toISOString().slice(0, 10) }, within.params);
	const expired = countBy(app, `SELECT canteen, COUNT(*) AS n FROM staff WHERE ${within.sql} AND active = TRUE AND food_contact = TRUE AND certificate_expires != '' AND certificate_expires < {:to} GROUP BY canteen`, certificateDay);
	const expiring = countBy(app, `SELECT canteen, COUNT(*) AS n FROM staff WHERE ${within.sql} AND active = TRUE AND food_contact = TRUE AND certificate_expires >= {:to} AND certificate_expires <= {:soon} GROUP BY canteen`, certificateDay);
	const alertRows = rowsOf(
		app,
		`SELECT canteen, SUM(CASE WHEN state != 'closed' THEN 1 ELSE 0 END) AS open, SUM(CASE WHEN card = 'yellow' THEN 1 ELSE 0 END) AS yellow, SUM(CASE WHEN card = 'red' THEN 1 ELSE 0 END) AS red FROM alerts WHERE ${within.sql} GROUP BY canteen`,
		within.params,
		{ canteen: "", open: 0, yellow: 0, red: 0 },
	);
	const alerts = {};
	for (const row of alertRows) alerts[row.canteen] = row;

	// Completeness per day across the canteens in sight, for the trend chart.
	const daily = {};
	for (const day of days) daily[day] = { date: day, owed: 0, kept: 0 };
	const result = canteens.map((canteen) => {
		const settings = settingsOf(canteen);
		const today = rules.localDateOf(new Date(), settings.utcOffsetMinutes);
		const required = rules.requiredLedgers(settings);
		const ledgers = {};
		for (const ledger of rules.GRID_LEDGERS) {
			const cell = { required: required.indexOf(ledger) >= 0, records: 0, done: 0, late: 0, missing: 0, pending: 0 };
			for (const day of days) {
				if (day > today) continue;
				const row = perDay[ledger][canteen.id + "|" + day];
				const kept = Boolean(row && row.n > 0);
				if (kept) {
					cell.records += row.n;
					if (row.late === row.n) cell.late += 1;
					else cell.done += 1;
				} else if (day === today) cell.pending += 1;
				else cell.missing += 1;
				if (cell.required && (kept || day !== today)) {
					daily[day].owed += 1;
					if (kept) daily[day].kept += 1;
				}
			}
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
				excluded: excluded[canteen.id] || 0,
				certificates_expired: expired[canteen.id] || 0,
				certificates_expiring: expiring[canteen.id] || 0,
				cold_out_of_range: cold[canteen.id] || 0,
				disinfection: disinfection[canteen.id] || 0,
				overrides: overrides[canteen.id] || 0,
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
