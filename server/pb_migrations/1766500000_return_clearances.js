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

		const checks = app.findCollectionByNameOrId("morning_checks");
		const canteens = app.findCollectionByNameOrId("canteens");
		const devices = app.findCollectionByNameOrId("devices");
		app.save(
			new Collection({
				type: "base",
				name: "return_clearances",
				fields: [
					{ type: "relation", name: "canteen", required: true, maxSelect: 1, collectionId: canteens.id },
					{ type: "relation", name: "device", required: true, maxSelect: 1, collectionId: devices.id },
					{ type: "relation", name: "staff", required: true, maxSelect: 1, collectionId: staff.id },
					{ type: "text", name: "staff_name", max: 50 },
					{ type: "date", name: "cleared_at", required: true },
					{ type: "text", name: "cleared_by", required: true, max: 50 },
					{ type: "text", name: "basis", required: true, max: 500 },
					{ type: "text", name: "photo_sha256", max: 64, pattern: "^([0-9a-f]{64})?$" },
					{ type: "text", name: "date", required: true, pattern: "^\\d{4}-\\d{2}-\\d{2}$", max: 10 },
					{ type: "number", name: "seq", onlyInt: true, min: 1 },
					{ type: "text", name: "prev_hash", max: 64 },
					{ type: "text", name: "hash", max: 64 },
					{ type: "date", name: "received_at" },
					{ type: "text", name: "seal", max: 64 },
					{ type: "date", name: "entered_at" },
					{ type: "json", name: "late", maxSize: 1000 },
					{ type: "autodate", name: "created", onCreate: true, onUpdate: false },
					{ type: "autodate", name: "updated", onCreate: true, onUpdate: true },
				],
				indexes: [
					"CREATE UNIQUE INDEX idx_return_clearances_chain ON return_clearances (device, seq)",
					"CREATE INDEX idx_return_clearances_day ON return_clearances (canteen, date)",
					"CREATE INDEX idx_return_clearances_staff ON return_clearances (staff, cleared_at)",
				],
				listRule: checks.listRule,
				viewRule: checks.viewRule,
				createRule: null,
				updateRule: null,
				deleteRule: null,
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
