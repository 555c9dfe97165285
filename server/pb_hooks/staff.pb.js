/// <reference path="../pb_data/types.d.ts" />

onRecordCreateRequest((e) => {
	require(`${__hooks}/lib/staff.js`).onCreateRequest(e);
}, "staff");

onRecordUpdateRequest((e) => {
	require(`${__hooks}/lib/staff.js`).onUpdateRequest(e);
}, "staff");

routerAdd("GET", "/api/mingchu/kiosk/pins", (e) => require(`${__hooks}/lib/staff.js`).kioskPins(e), $apis.requireAuth("devices"));
