/// <reference path="../pb_data/types.d.ts" />

// Weekly menus: re-checked by the rule book (rule 32 for schools and kindergartens), edited under the
// version rule (lib/versioned.js).
onRecordCreateRequest((e) => {
	require(`${__hooks}/lib/menus.js`).menuHooks.onCreateRequest(e);
}, "menus");

onRecordUpdateRequest((e) => {
	require(`${__hooks}/lib/menus.js`).menuHooks.onUpdateRequest(e);
}, "menus");
