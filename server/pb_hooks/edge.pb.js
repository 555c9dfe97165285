/// <reference path="../pb_data/types.d.ts" />

// Edge mode: a school's video box reports and asks here (lib/edge.js); signed in as an `edges` record.
routerAdd("POST", "/api/mingchu/edge/sync", (e) => require(`${__hooks}/lib/edge.js`).sync(e), $apis.requireAuth("edges"));
routerAdd("POST", "/api/mingchu/edge/authorise", (e) => require(`${__hooks}/lib/edge.js`).authorise(e), $apis.requireAuth("edges"));

// A box enrolled (or switched on or off) moves its canteen's cameras between this server's MediaMTX and the box.
onRecordAfterUpdateSuccess((e) => {
	const before = e.record.original();
	if (before.getString("enrolled_at") === e.record.getString("enrolled_at") && before.getBool("active") === e.record.getBool("active")) return e.next();
	const video = require(`${__hooks}/lib/video.js`);
	for (const camera of e.app.findRecordsByFilter("cameras", "canteen = {:canteen}", "", 0, 0, { canteen: e.record.getString("canteen") })) {
		video.applyCamera(e.app, camera);
	}
	e.next();
}, "edges");
