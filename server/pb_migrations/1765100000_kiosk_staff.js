/// <reference path="../pb_data/types.d.ts" />

// Staff can be added and edited on the kitchen tablet too (issue 3), under the same version rule and
// checks as an administrator's edits; only an administrator sets a PIN.
migrate(
	(app) => {
		const adminOf = (field) => `(@request.auth.collectionName = "users" && @request.auth.canteens.id ?= ${field})`;
		const kioskOf = (field) =>
			`(@request.auth.collectionName = "devices" && @request.auth.canteen = ${field} && @request.body.pin_hash:isset = false)`;
		const staff = app.findCollectionByNameOrId("staff");
		staff.createRule = `${adminOf("canteen")} || ${kioskOf("canteen")}`;
		staff.updateRule = `(${adminOf("canteen")} || ${kioskOf("canteen")}) && (@request.body.canteen:isset = false || @request.body.canteen = canteen)`;
		app.save(staff);
	},
	(app) => {
		const adminOf = (field) => `(@request.auth.collectionName = "users" && @request.auth.canteens.id ?= ${field})`;
		const staff = app.findCollectionByNameOrId("staff");
		staff.createRule = adminOf("canteen");
		staff.updateRule = `${adminOf("canteen")} && (@request.body.canteen:isset = false || @request.auth.canteens.id ?= @request.body.canteen)`;
		app.save(staff);
	},
);
