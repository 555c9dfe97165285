/// <reference path="../pb_data/types.d.ts" />

onRecordCreateRequest((e) => {
	require(`${__hooks}/lib/morning-checks.js`).onCreate(e);
}, "morning_checks");
