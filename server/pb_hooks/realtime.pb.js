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

// Only a signed-in user or tablet may hear of changes, and only of its own canteens': it is filed
// under them as it subscribes.
onRealtimeSubscribeRequest((e) => {
	const realtime = require(`${__hooks}/lib/realtime.js`);
	const signedIn = e.auth && (e.auth.collection().name === "users" || e.auth.collection().name === "devices");
	if (!signedIn) e.subscriptions = e.subscriptions.filter((topic) => topic !== realtime.TOPIC);
	e.next();
	if (signedIn && e.subscriptions.indexOf(realtime.TOPIC) >= 0) realtime.subscribed(e.app, e.client, e.auth);
});
