/// <reference path="../pb_data/types.d.ts" />

onRecordCreateRequest((e) => {
	require(`${__hooks}/lib/staff.js`).onSaveRequest(e);
}, "staff");

onRecordUpdateRequest((e) => {
	require(`${__hooks}/lib/staff.js`).onSaveRequest(e);
}, "staff");
