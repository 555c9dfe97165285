/// <reference path="../pb_data/types.d.ts" />

/**
 * POST /api/mingchu/canteens/{id}/settings {version, settings}: an administrator of the canteen sets its
 * meal times, due times, the person responsible for additives and the kiosk's idle lock (shared data:
 * an edit made on an older version is refused with 409). The rule book's thresholds are not settable here.
 */
routerAdd(
	"POST",
	"/api/mingchu/canteens/{id}/settings",
	(e) => {
		require(`${__hooks}/lib/canteen-settings.js`).saveOperationalSettings(e);
	},
	$apis.requireAuth("users", "_superusers"),
);
