/// <reference path="../pb_data/types.d.ts" />

// Rule 4: a meal is closed for sampling with the dishes that were served; chained like every ledger.
migrate(
	(app) => {
		const adminOf = (field) => `(@request.auth.collectionName = "users" && @request.auth.canteens.id ?= ${field})`;
		const deviceOf = (field) => `(@request.auth.collectionName = "devices" && @request.auth.canteen = ${field})`;
		const canteens = app.findCollectionByNameOrId("canteens");
		const devices = app.findCollectionByNameOrId("devices");
		app.save(
			new Collection({
				type: "base",
				name: "meal_closures",
				fields: [
					{ type: "relation", name: "canteen", required: true, maxSelect: 1, collectionId: canteens.id },
					{ type: "relation", name: "device", required: true, maxSelect: 1, collectionId: devices.id },
					{ type: "select", name: "meal", required: true, maxSelect: 1, values: ["breakfast", "lunch", "dinner", "other"] },
					{ type: "text", name: "date", required: true, pattern: "^\\d{4}-\\d{2}-\\d{2}$", max: 10 },
					{ type: "json", name: "dishes", maxSize: 5000 },
					{ type: "date", name: "closed_at", required: true },
					{ type: "text", name: "closed_by", required: true, max: 50 },
					{ type: "text", name: "reason", max: 500 },
					{ type: "text", name: "accepted_by", max: 50 },
					{ type: "json", name: "findings", maxSize: 2000 },
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
					"CREATE UNIQUE INDEX idx_meal_closures_chain ON meal_closures (device, seq)",
					"CREATE INDEX idx_meal_closures_day ON meal_closures (canteen, date, meal)",
				],
				listRule: `${adminOf("canteen")} || ${deviceOf("canteen")}`,
				viewRule: `${adminOf("canteen")} || ${deviceOf("canteen")}`,
				createRule: null,
				updateRule: null,
				deleteRule: null,
			}),
		);
	},
	(app) => {
		app.delete(app.findCollectionByNameOrId("meal_closures"));
	},
);
