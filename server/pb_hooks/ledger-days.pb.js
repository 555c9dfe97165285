/// <reference path="../pb_data/types.d.ts" />

// Keeps the oversight grid's day summary (lib/ledger-days.js) as records and voids arrive.
onRecordAfterCreateSuccess(
	(e) => {
		require(`${__hooks}/lib/ledger-days.js`).recordAdded(e.app, e.record);
		e.next();
	},
	"morning_checks",
	"food_samples",
	"disinfections",
	"cold_readings",
	"waste_handovers",
	"accompanied_meals",
	"self_inspections",
	"purchases",
	"meal_closures",
);

onRecordAfterCreateSuccess((e) => {
	require(`${__hooks}/lib/ledger-days.js`).recordVoided(e.app, e.record);
	e.next();
}, "voids");

/** POST /api/mingchu/oversight/rebuild-days {from?}: recount the summary from the records (operators). */
routerAdd(
	"POST",
	"/api/mingchu/oversight/rebuild-days",
	(e) => {
		const from = String((e.requestInfo().body || {}).from || "");
		if (from && !/^\d{4}-\d{2}-\d{2}$/.test(from)) throw new BadRequestError("from: YYYY-MM-DD");
		require(`${__hooks}/lib/ledger-days.js`).rebuild(e.app, from);
		return e.json(200, { rebuilt: from || "all" });
	},
	$apis.requireSuperuserAuth(),
);

// Nightly, the last week is recounted: a summary write lost to a crash between the record's commit
// and its count is mended by morning.
cronAdd("mingchu_ledger_days", "40 2 * * *", () => {
	const from = new Date(Date.now() - 7 * 86400000).toISOString().slice(0, 10);
	require(`${__hooks}/lib/ledger-days.js`).rebuild($app, from);
});
