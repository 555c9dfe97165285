/// <reference path="../pb_data/types.d.ts" />

// A canteen's settings are shared data edited by its administrators: they carry a version like staff.
migrate(
	(app) => {
		const canteens = app.findCollectionByNameOrId("canteens");
		canteens.fields.add(new Field({ type: "number", name: "settings_version", onlyInt: true }));
		app.save(canteens);
	},
	(app) => {
		const canteens = app.findCollectionByNameOrId("canteens");
		canteens.fields.removeByName("settings_version");
		app.save(canteens);
	},
);
