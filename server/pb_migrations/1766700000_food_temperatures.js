/// <reference path="../pb_data/types.d.ts" />

// 烹饪与保温温度 (issue 15, rules 30–31): a chained ledger of core temperatures at cooking or reheating
// and of holding temperatures. No personal data: read like the disinfection ledger (the canteen, its
// organisation and its district's regulators).
migrate(
	(app) => {
		const { chainedLedger } = require(`${__hooks}/lib/ledger-collection.js`);
		app.save(
			chainedLedger(app, {
				name: "food_temperatures",
				readLike: "disinfections",
				fields: [
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
				],
			}),
		);
	},
	(app) => {
		app.delete(app.findCollectionByNameOrId("food_temperatures"));
	},
);
