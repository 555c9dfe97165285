/// <reference path="../pb_data/types.d.ts" />

// Self-inspection checklists: re-checked by the rule book, edited under the version rule.
onRecordCreateRequest((e) => {
	require(`${__hooks}/lib/self-inspections.js`).templateHooks.onCreateRequest(e);
}, "inspection_templates");

onRecordUpdateRequest((e) => {
	require(`${__hooks}/lib/self-inspections.js`).templateHooks.onUpdateRequest(e);
}, "inspection_templates");
