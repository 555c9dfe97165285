/// <reference path="../pb_data/types.d.ts" />

// The county's link to the province warehouse (lib/province.js). A change and its outbox entry commit
// together: the write runs in a transaction (the sync's own, or one opened here) and the entry is
// written with the same transaction before it ends, so a crash keeps both or neither.

const pushed = require(`${__hooks}/lib/province.js`).COLLECTIONS;

// Registered only for a county with a province: elsewhere each saved record would pay a JS call for nothing.
if ($os.getenv("MINGCHU_PROVINCE_URL")) {
	onRecordCreateExecute((e) => require(`${__hooks}/lib/province.js`).saveWithEntry(e, "upsert"), ...pushed);
	onRecordUpdateExecute((e) => require(`${__hooks}/lib/province.js`).saveWithEntry(e, "upsert"), ...pushed);
	onRecordDeleteExecute((e) => require(`${__hooks}/lib/province.js`).saveWithEntry(e, "delete"), ...pushed);
}

/** GET /api/mingchu/province/status: the link, what waits, the dead letters (operators). */
routerAdd("GET", "/api/mingchu/province/status", (e) => e.json(200, require(`${__hooks}/lib/province.js`).status(e.app)), $apis.requireSuperuserAuth());

/** POST /api/mingchu/province/push {now?}: the minute job at once, as of `now` (operators, tests' clocks). */
routerAdd(
	"POST",
	"/api/mingchu/province/push",
	(e) => {
		const body = e.requestInfo().body || {};
		const now = body.now ? new Date(String(body.now)) : new Date();
		if (isNaN(now.getTime())) throw new BadRequestError("now: an ISO instant");
		return e.json(200, require(`${__hooks}/lib/province.js`).push(e.app, now));
	},
	$apis.requireSuperuserAuth(),
);

/** POST /api/mingchu/province/backfill: queue everything held, for a county joining the province. */
routerAdd("POST", "/api/mingchu/province/backfill", (e) => e.json(200, require(`${__hooks}/lib/province.js`).backfill(e.app)), $apis.requireSuperuserAuth());

/** POST /api/mingchu/province/refused/{seq}/retry: send a dead letter again once the province takes it. */
routerAdd(
	"POST",
	"/api/mingchu/province/refused/{seq}/retry",
	(e) => {
		const seq = Number(e.request.pathValue("seq"));
		if (!Number.isInteger(seq) || !require(`${__hooks}/lib/province.js`).retryRefused(e.app, seq)) throw new NotFoundError();
		return e.json(200, { queued: seq });
	},
	$apis.requireSuperuserAuth(),
);

cronAdd("mingchu_province", "* * * * *", () => {
	// Tests drive this job through its route with their own clock.
	if ($os.getenv("MINGCHU_TIMED_JOBS") === "test-clock") return;
	if (!$os.getenv("MINGCHU_PROVINCE_URL")) return;
	require(`${__hooks}/lib/province.js`).push($app, new Date());
});
