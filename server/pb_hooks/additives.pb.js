/// <reference path="../pb_data/types.d.ts" />

// The additive register (添加剂备案): checked by the rule book (complete, never nitrite), edited under the
// version rule (lib/versioned.js).
onRecordCreateRequest((e) => {
	require(`${__hooks}/lib/additives.js`).additiveHooks.onCreateRequest(e);
}, "additives");

onRecordUpdateRequest((e) => {
	require(`${__hooks}/lib/additives.js`).additiveHooks.onUpdateRequest(e);
}, "additives");
