/// <reference path="../pb_data/types.d.ts" />

// 烹饪与保温温度 (issue 15, rules 30–31): a chained ledger of core temperatures at cooking or reheating
// and of holding temperatures. No personal data: read like the disinfection ledger (the canteen, its
// organisation and its district's regulators).
migrate(
	(app) => {
		const like = app.findCollectionByNameOrId("disinfections");
		const canteens = app.findCollectionByNameOrId("canteens");
		const devices = app.findCollectionByNameOrId("devices");
		app.save(
			new Collection({
				type: "base",
				name: "food_temperatures",
				fields: [
					{ type: "relation", name: "canteen", required: true, maxSelect: 1, collectionId: canteens.id },
					{ type: "relation", name: "device", required: true, maxSelect: 1, collectionId: devices.id },
					{ type: "text", name: "dish", required: true, max: 100 },
					{ type: "select", name: "meal", required: true, maxSelect: 1, values: ["breakfast", "lunch", "dinner", "other"] },
					{ type: "select", name: "kind", required: true, maxSelect: 1, values: ["cooked", "reheated", "held_hot", "held_cold"] },
					{ type: "number", name: "temperature_c" },
					{ type: "date", name: "measured_at", required: true },
					{ type: "date", name: "cooked_at" },
					{ type: "text", name: "measured_by", required: true, max: 50 },
					{ type: "text", name: "reason", max: 500 },
					{ type: "text", name: "accepted_by", max: 50 },
					{ type: "json", name: "findings", maxSize: 2000 },
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
					"CREATE UNIQUE INDEX idx_food_temperatures_chain ON food_temperatures (device, seq)",
					"CREATE INDEX idx_food_temperatures_day ON food_temperatures (canteen, date)",
				],
				listRule: like.listRule,
				viewRule: like.viewRule,
				createRule: null,
				updateRule: null,
				deleteRule: null,
			}),
		);
	},
	(app) => {
		app.delete(app.findCollectionByNameOrId("food_temperatures"));
	},
);
