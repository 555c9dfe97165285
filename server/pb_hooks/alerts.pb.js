/// <reference path="../pb_data/types.d.ts" />

// The alert loop (lib/alerts.js): exceptions of the rule book raise alerts as their records arrive;
// managers answer, regulators (or, for 三类, the canteen's administrators) accept or reopen; overdue ones
// get cards every hour.
onRecordAfterCreateSuccess(
	(e) => {
		require(`${__hooks}/lib/alerts.js`).fromLedgerRecord(e.app, e.record);
		e.next();
	},
	"morning_checks",
	"food_samples",
	"sample_disposals",
	"disinfections",
	"cold_readings",
	"waste_handovers",
	"additive_uses",
	"accompanied_meals",
	"self_inspections",
	"meal_closures",
	"purchases",
);

onRecordAfterCreateSuccess((e) => {
	require(`${__hooks}/lib/alerts.js`).fromRefusal(e.app, e.record);
	e.next();
}, "refused_submissions");

routerAdd("POST", "/api/mingchu/alerts/{id}/answer", (e) => require(`${__hooks}/lib/alerts.js`).answer(e), $apis.requireAuth("users", "_superusers"));
routerAdd("POST", "/api/mingchu/alerts/{id}/review", (e) => require(`${__hooks}/lib/alerts.js`).review(e), $apis.requireAuth("users", "_superusers"));

/** POST /api/mingchu/alerts/escalate {now?}: the hourly job at once, as of `now` (operators and tests' clocks). */
routerAdd(
	"POST",
	"/api/mingchu/alerts/escalate",
	(e) => {
		const body = e.requestInfo().body || {};
		const now = body.now ? new Date(String(body.now)) : new Date();
		if (isNaN(now.getTime())) throw new BadRequestError("now: an ISO instant");
		return e.json(200, require(`${__hooks}/lib/alerts.js`).escalate(e.app, now));
	},
	$apis.requireSuperuserAuth(),
);

cronAdd("mingchu_alert_cards", "15 * * * *", () => {
	// Tests drive this job through its route with their own clock (tests/fixtures/server.ts).
	if ($os.getenv("MINGCHU_TIMED_JOBS") === "test-clock") return;
	require(`${__hooks}/lib/alerts.js`).escalate($app, new Date());
});
