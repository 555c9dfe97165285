/// <reference path="../pb_data/types.d.ts" />

// 复岗 cleared to return (issue 15, rules 7–8 and 13): staff carry the diseases of the 2016 list on their
// health record and, set only by the server, since when an illness keeps them from food; a chained
// ledger of cleared-to-return entries ends it. Health data: readable exactly like the morning checks.
migrate(
	(app) => {
		const staff = app.findCollectionByNameOrId("staff");
		staff.fields.add(new Field({ type: "json", name: "health_conditions", maxSize: 500 }));
		staff.fields.add(new Field({ type: "date", name: "excluded_since" }));
		app.save(staff);

		const { chainedLedger } = require(`${__hooks}/lib/ledger-collection.js`);
		app.save(
			chainedLedger(app, {
				name: "return_clearances",
				// Health data: the canteen's own people, exactly like the morning checks.
				readLike: "morning_checks",
				fields: [
					{ type: "relation", name: "staff", required: true, maxSelect: 1, collectionId: staff.id },
					{ type: "text", name: "staff_name", max: 50 },
					{ type: "date", name: "cleared_at", required: true },
					{ type: "text", name: "cleared_by", required: true, max: 50 },
					{ type: "text", name: "basis", required: true, max: 500 },
					{ type: "text", name: "photo_sha256", max: 64, pattern: "^([0-9a-f]{64})?$" },
					{ type: "text", name: "date", required: true, pattern: "^\\d{4}-\\d{2}-\\d{2}$", max: 10 },
				],
				indexes: ["CREATE INDEX idx_return_clearances_staff ON return_clearances (staff, cleared_at)"],
			}),
		);
	},
	(app) => {
		app.delete(app.findCollectionByNameOrId("return_clearances"));
		const staff = app.findCollectionByNameOrId("staff");
		staff.fields.removeByName("health_conditions");
		staff.fields.removeByName("excluded_since");
		app.save(staff);
	},
);
