/// <reference path="../pb_data/types.d.ts" />

routerAdd(
	"POST",
	"/api/mingchu/devices",
	(e) => require(`${__hooks}/lib/devices.js`).create(e),
	$apis.requireAuth("users"),
);

routerAdd(
	"POST",
	"/api/mingchu/devices/{id}/deactivate",
	(e) => require(`${__hooks}/lib/devices.js`).deactivate(e),
	$apis.requireAuth("users"),
);

/** An edge video box of the canteen (lib/edge.js): made like a tablet, with a one-time code. */
routerAdd(
	"POST",
	"/api/mingchu/edges",
	(e) => require(`${__hooks}/lib/devices.js`).create(e, "edges"),
	$apis.requireAuth("users"),
);

routerAdd("GET", "/api/mingchu/edges", (e) => require(`${__hooks}/lib/devices.js`).listEdges(e), $apis.requireAuth("users"));
routerAdd(
	"POST",
	"/api/mingchu/edges/{id}/deactivate",
	(e) => require(`${__hooks}/lib/devices.js`).deactivate(e, "edges"),
	$apis.requireAuth("users"),
);

routerAdd("POST", "/api/mingchu/enrol", (e) => require(`${__hooks}/lib/devices.js`).enrol(e));

// Deactivating a lost or stolen tablet must also end the sign-in it already holds.
onRecordUpdate((e) => {
	if (!e.record.getBool("active")) e.record.refreshTokenKey();
	e.next();
}, "devices", "edges");
