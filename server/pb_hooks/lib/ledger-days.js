// A summary of the ledgers per canteen, ledger and day, kept beside the records for the oversight grid:
// at county scale (500 canteens × 90 days, ~770,000 records) counting the records themselves took 3 s
// a request; the summary is a few hundred thousand narrow rows read through one covering index.
// Written when a record or a void arrives (after the sync's transaction has committed), and rebuilt
// from the records by the nightly job and by the operator's route, so it can never drift for long.
// Not a collection: no API rule can reach it.

// The ledgers the grid counts, and meal closures (their REASON overrides are exceptions).
const LEDGERS = ["morning_checks", "food_samples", "disinfections", "cold_readings", "waste_handovers", "accompanied_meals", "self_inspections", "purchases", "meal_closures"];
const NOT_EMPTY_JSON = (field) => `(${field} IS NOT NULL AND ${field} NOT IN ('', '[]', 'null', '{}'))`;
// Which columns say what, per ledger (a column the ledger lacks counts as nothing): the SQL form of the
// domain's DAY_SUMMARY_MARKS (app/lib/domain/oversight.ts), which recordAdded and the province count with.
const COLUMNS = {
	morning_checks: { excluded: "outcome = 'excluded'", flagged: "0", overridden: "0" },
	food_samples: { excluded: "0", flagged: "0", overridden: "0" },
	disinfections: { excluded: "0", flagged: NOT_EMPTY_JSON("findings"), overridden: "reason != ''" },
	cold_readings: { excluded: "0", flagged: NOT_EMPTY_JSON("findings"), overridden: "reason != ''" },
	waste_handovers: { excluded: "0", flagged: NOT_EMPTY_JSON("findings"), overridden: "0" },
	accompanied_meals: { excluded: "0", flagged: "0", overridden: "0" },
	self_inspections: { excluded: "0", flagged: NOT_EMPTY_JSON("findings"), overridden: "0" },
	purchases: { excluded: "0", flagged: NOT_EMPTY_JSON("findings"), overridden: "0" },
	meal_closures: { excluded: "0", flagged: NOT_EMPTY_JSON("findings"), overridden: "reason != ''" },
};

function createTable(app) {
	app.db()
		.newQuery(
			"CREATE TABLE IF NOT EXISTS ledger_days (canteen TEXT NOT NULL, ledger TEXT NOT NULL, date TEXT NOT NULL, records INTEGER NOT NULL DEFAULT 0, late INTEGER NOT NULL DEFAULT 0, voided INTEGER NOT NULL DEFAULT 0, excluded_staff INTEGER NOT NULL DEFAULT 0, flagged INTEGER NOT NULL DEFAULT 0, overridden INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (canteen, ledger, date)) WITHOUT ROWID",
		)
		.execute();
	app.db().newQuery("CREATE INDEX IF NOT EXISTS idx_ledger_days_grid ON ledger_days (canteen, date, ledger, records, late, voided, excluded_staff, flagged, overridden)").execute();
}

/** Recounts the days from `from` on (all days when empty) from the records themselves. */
function rebuild(app, from) {
	const since = from ? " WHERE date >= {:from}" : "";
	app.runInTransaction((tx) => {
		tx.db().newQuery(`DELETE FROM ledger_days${from ? " WHERE date >= {:from}" : ""}`).bind({ from: from || "" }).execute();
		for (const ledger of LEDGERS) {
			const c = COLUMNS[ledger];
			tx.db()
				.newQuery(
					`INSERT INTO ledger_days (canteen, ledger, date, records, late, excluded_staff, flagged, overridden) ` +
						`SELECT canteen, '${ledger}', date, COUNT(*), SUM(CASE WHEN ${NOT_EMPTY_JSON("late")} THEN 1 ELSE 0 END), ` +
						`SUM(CASE WHEN ${c.excluded} THEN 1 ELSE 0 END), SUM(CASE WHEN ${c.flagged} THEN 1 ELSE 0 END), SUM(CASE WHEN ${c.overridden} THEN 1 ELSE 0 END) ` +
						`FROM ${ledger}${since} GROUP BY canteen, date`,
				)
				.bind({ from: from || "" })
				.execute();
		}
		// Voided records no longer count as kept (their void says why).
		for (const ledger of LEDGERS) {
			tx.db()
				.newQuery(
					`UPDATE ledger_days SET voided = (SELECT COUNT(*) FROM voids v JOIN ${ledger} r ON r.id = v.record_id WHERE v.ledger = '${ledger}' AND r.canteen = ledger_days.canteen AND r.date = ledger_days.date) ` +
						`WHERE ledger = '${ledger}'${from ? " AND date >= {:from}" : ""} AND EXISTS (SELECT 1 FROM voids v WHERE v.ledger = '${ledger}' AND v.canteen = ledger_days.canteen)`,
				)
				.bind({ from: from || "" })
				.execute();
		}
	});
}

function bump(app, { canteen, ledger, date }, column, by, extra) {
	app.db()
		.newQuery(
			`INSERT INTO ledger_days (canteen, ledger, date, records, late, voided, excluded_staff, flagged, overridden) VALUES ({:canteen}, {:ledger}, {:date}, {:records}, {:late}, {:voided}, {:excluded_staff}, {:flagged}, {:overridden}) ` +
				// "excluded" here is SQLite's name for the row that was about to be inserted.
				`ON CONFLICT (canteen, ledger, date) DO UPDATE SET records = records + excluded.records, late = late + excluded.late, voided = voided + excluded.voided, ` +
				`excluded_staff = excluded_staff + excluded.excluded_staff, flagged = flagged + excluded.flagged, overridden = overridden + excluded.overridden`,
		)
		.bind(Object.assign({ canteen, ledger, date, records: 0, late: 0, voided: 0, excluded_staff: 0, flagged: 0, overridden: 0 }, extra, { [column]: by }))
		.execute();
	require(`${__hooks}/lib/public-cache.js`).forgetPublic(app, canteen);
}

/** onRecordAfterCreateSuccess of a ledger: one more record on its day. */
function recordAdded(app, record) {
	const ledger = record.collection().name;
	if (LEDGERS.indexOf(ledger) < 0) return;
	const { parseJson } = require(`${__hooks}/lib/canteen.js`);
	const rules = require(`${__hooks}/lib/domain.cjs`);
	const marks = rules.daySummaryOf(ledger, {
		late: parseJson(record.get("late"), null),
		findings: parseJson(record.get("findings"), null),
		outcome: record.getString("outcome"),
		reason: record.getString("reason"),
	});
	bump(app, { canteen: record.getString("canteen"), ledger, date: record.getString("date") }, "records", 1, marks);
}

/** onRecordAfterCreateSuccess of voids: the voided record's day keeps one record fewer. */
function recordVoided(app, voidRecord) {
	const ledger = voidRecord.getString("ledger");
	if (LEDGERS.indexOf(ledger) < 0) return;
	let record;
	try {
		record = app.findRecordById(ledger, voidRecord.getString("record_id"));
	} catch (_) {
		return;
	}
	bump(app, { canteen: record.getString("canteen"), ledger, date: record.getString("date") }, "voided", 1, {});
}

module.exports = { LEDGERS, createTable, rebuild, recordAdded, recordVoided };
