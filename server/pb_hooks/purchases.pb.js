/// <reference path="../pb_data/types.d.ts" />

// Suppliers: re-checked by the rule book, edited under the version rule (lib/versioned.js).
onRecordCreateRequest((e) => {
	require(`${__hooks}/lib/purchases.js`).supplierHooks.onCreateRequest(e);
}, "suppliers");

onRecordUpdateRequest((e) => {
	require(`${__hooks}/lib/purchases.js`).supplierHooks.onUpdateRequest(e);
}, "suppliers");
