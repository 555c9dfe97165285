/// <reference path="../pb_data/types.d.ts" />

// Events from outside the tablet (lib/events.js): AI cameras / AI boxes and temperature-sensor gateways,
// each authenticated by its own revocable token, not by a PocketBase sign-in.
routerAdd("POST", "/api/mingchu/events/ai", (e) => require(`${__hooks}/lib/events.js`).aiEvent(e), $apis.bodyLimit(8 << 20));
routerAdd("POST", "/api/mingchu/events/sensor", (e) => require(`${__hooks}/lib/events.js`).sensorReadings(e), $apis.bodyLimit(1 << 20));

routerAdd("POST", "/api/mingchu/event-devices", (e) => require(`${__hooks}/lib/events.js`).createDevice(e), $apis.requireAuth("users", "_superusers"));
routerAdd("POST", "/api/mingchu/event-devices/{id}/revoke", (e) => require(`${__hooks}/lib/events.js`).revokeDevice(e), $apis.requireAuth("users", "_superusers"));

/** POST /api/mingchu/events/silent-sensors {now?}: the quarter-hourly check at once (operators, tests' clocks). */
routerAdd(
	"POST",
	"/api/mingchu/events/silent-sensors",
	(e) => {
		const body = e.requestInfo().body || {};
		const now = body.now ? new Date(String(body.now)) : new Date();
		if (isNaN(now.getTime())) throw new BadRequestError("now: an ISO instant");
		return e.json(200, require(`${__hooks}/lib/events.js`).silentSensors(e.app, now));
	},
	$apis.requireSuperuserAuth(),
);

cronAdd("mingchu_silent_sensors", "*/15 * * * *", () => {
	// Tests drive this job through its route with their own clock (tests/fixtures/server.ts).
	if ($os.getenv("MINGCHU_TIMED_JOBS") === "test-clock") return;
	require(`${__hooks}/lib/events.js`).silentSensors($app, new Date());
});
