/// <reference path="../pb_data/types.d.ts" />

// 聚餐登记: re-checked by the rule book whoever saves one (lib/group-meals.js).
onRecordCreateRequest((e) => {
	require(`${__hooks}/lib/group-meals.js`).check(e);
	e.next();
}, "group_meals");

onRecordUpdateRequest((e) => {
	require(`${__hooks}/lib/group-meals.js`).check(e);
	e.next();
}, "group_meals");
