/// <reference path="../pb_data/types.d.ts" />

// Tamper evidence for administrators and regulators: verification of a canteen's ledger and the daily
// digests (lib/chain.js).

/** GET /api/mingchu/ledger/verify?canteen=…&from=YYYY-MM-DD&to=YYYY-MM-DD, for the canteen's administrators. */
routerAdd(
	"GET",
	"/api/mingchu/ledger/verify",
	(e) => {
		const chain = require(`${__hooks}/lib/chain.js`);
		const query = e.requestInfo().query;
		const day = /^\d{4}-\d{2}-\d{2}$/;
		if (!day.test(query.from || "") || !day.test(query.to || "") || query.from > query.to) {
			throw new BadRequestError("请选择有效的日期范围 / Choose a valid date range");
		}
		let canteen;
		try {
			canteen = e.app.findRecordById("canteens", query.canteen || "");
		} catch (_) {
			throw new NotFoundError();
		}
		// The same rule that decides who may read the canteen decides who may verify it.
		if (!e.hasSuperuserAuth() && !e.app.canAccessRecord(canteen, e.requestInfo(), canteen.collection().viewRule)) {
			throw new NotFoundError();
		}
		return e.json(200, chain.verifyLedger(e.app, canteen, query.from, query.to));
	},
	$apis.requireAuth("users", "_superusers"),
);

/**
 * POST /api/mingchu/ledger/digests {canteen, day}: seal that day now; {} runs the hourly job at once
 * (seals the past week's unsealed days of every canteen). For operators and tests.
 */
routerAdd(
	"POST",
	"/api/mingchu/ledger/digests",
	(e) => {
		const chain = require(`${__hooks}/lib/chain.js`);
		const body = e.requestInfo().body || {};
		if (!body.canteen && !body.day) {
			chain.sealPastDays(e.app);
			return e.json(200, { sealed: "past days" });
		}
		const canteen = e.app.findRecordById("canteens", String(body.canteen || ""));
		if (!/^\d{4}-\d{2}-\d{2}$/.test(String(body.day || ""))) throw new BadRequestError("day: YYYY-MM-DD");
		return e.json(200, chain.sealDay(e.app, canteen, body.day));
	},
	$apis.requireSuperuserAuth(),
);

// Each hour: seal the days that have ended and have no digest yet.
cronAdd("mingchu_daily_digests", "5 * * * *", () => {
	require(`${__hooks}/lib/chain.js`).sealPastDays($app);
});

// The seal key exists before the first record arrives (made once, here, not by two requests at once).
onBootstrap((e) => {
	e.next();
	require(`${__hooks}/lib/seal-key.js`).sealKey(e.app);
});
