/// <reference path="../pb_data/types.d.ts" />

// Waste collectors: re-checked by the rule book, edited under the version rule (lib/versioned.js).
onRecordCreateRequest((e) => {
	require(`${__hooks}/lib/waste.js`).collectorHooks.onCreateRequest(e);
}, "waste_collectors");

onRecordUpdateRequest((e) => {
	require(`${__hooks}/lib/waste.js`).collectorHooks.onUpdateRequest(e);
}, "waste_collectors");
