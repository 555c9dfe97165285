/// <reference path="../pb_data/types.d.ts" />

// Staff switch on the kiosk with their name and a 4-digit PIN, checked offline against this hash.
migrate(
	(app) => {
		const staff = app.findCollectionByNameOrId("staff");
		staff.fields.add(new Field({ type: "text", name: "pin_hash", max: 64, pattern: "^([0-9a-f]{64})?$" }));
		app.save(staff);
	},
	(app) => {
		const staff = app.findCollectionByNameOrId("staff");
		staff.fields.removeByName("pin_hash");
		app.save(staff);
	},
);
