/// <reference path="../pb_data/types.d.ts" />

// Live changes by one topic matched in memory (lib/realtime.js), for the live pages and the tablets.
onRecordAfterCreateSuccess((e) => {
	require(`${__hooks}/lib/realtime.js`).notify(e.app, e.record);
	e.next();
}, "morning_checks", "staff", "alerts");

onRecordAfterUpdateSuccess((e) => {
	require(`${__hooks}/lib/realtime.js`).notify(e.app, e.record);
	e.next();
}, "morning_checks", "staff", "alerts");

// Only a signed-in user or tablet may hear of changes (and then only of its own canteens').
onRealtimeSubscribeRequest((e) => {
	const { TOPIC } = require(`${__hooks}/lib/realtime.js`);
	const signedIn = e.auth && (e.auth.collection().name === "users" || e.auth.collection().name === "devices");
	if (!signedIn) e.subscriptions = e.subscriptions.filter((topic) => topic !== TOPIC);
	e.next();
});
