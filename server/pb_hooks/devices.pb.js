/// <reference path="../pb_data/types.d.ts" />

routerAdd(
	"POST",
	"/api/mingchu/devices",
	(e) => require(`${__hooks}/lib/devices.js`).create(e),
	$apis.requireAuth("users"),
);

routerAdd("POST", "/api/mingchu/enrol", (e) => require(`${__hooks}/lib/devices.js`).enrol(e));
