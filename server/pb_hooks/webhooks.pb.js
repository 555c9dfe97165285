/// <reference path="../pb_data/types.d.ts" />

// Alerts pushed to WeCom / DingTalk group robots (lib/webhooks.js).
routerAdd("POST", "/api/mingchu/webhooks", (e) => require(`${__hooks}/lib/webhooks.js`).create(e), $apis.requireAuth("users", "_superusers"));
routerAdd("POST", "/api/mingchu/webhooks/{id}/deactivate", (e) => require(`${__hooks}/lib/webhooks.js`).deactivate(e), $apis.requireAuth("users", "_superusers"));

/** POST /api/mingchu/webhooks/deliver {now?}: the minute job at once, as of `now` (operators, tests' clocks). */
routerAdd(
	"POST",
	"/api/mingchu/webhooks/deliver",
	(e) => {
		const body = e.requestInfo().body || {};
		const now = body.now ? new Date(String(body.now)) : new Date();
		if (isNaN(now.getTime())) throw new BadRequestError("now: an ISO instant");
		return e.json(200, require(`${__hooks}/lib/webhooks.js`).deliver(e.app, now));
	},
	$apis.requireSuperuserAuth(),
);

cronAdd("mingchu_webhooks", "* * * * *", () => {
	// Tests drive this job through its route with their own clock (tests/fixtures/server.ts).
	if ($os.getenv("MINGCHU_TIMED_JOBS") === "test-clock") return;
	require(`${__hooks}/lib/webhooks.js`).deliver($app, new Date());
});
