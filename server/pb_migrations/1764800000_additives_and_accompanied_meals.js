/// <reference path="../pb_data/types.d.ts" />

// 食品添加剂 additive uses (rules 23–25) and 陪餐 accompanied meals (rule 33): two more append-only
// ledgers chained like the others, written only through the kiosks' sync route.
migrate(
	(app) => {
		const adminOf = (field) => `(@request.auth.collectionName = "users" && @request.auth.canteens.id ?= ${field})`;
		const deviceOf = (field) => `(@request.auth.collectionName = "devices" && @request.auth.canteen = ${field})`;
		const canteens = app.findCollectionByNameOrId("canteens");
		const devices = app.findCollectionByNameOrId("devices");
		const ledger = (name, fields, eventField) =>
			new Collection({
				type: "base",
				name,
				fields: [
					{ type: "relation", name: "canteen", required: true, maxSelect: 1, collectionId: canteens.id },
					{ type: "relation", name: "device", required: true, maxSelect: 1, collectionId: devices.id },
					...fields,
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
				indexes: [`CREATE UNIQUE INDEX idx_${name}_chain ON ${name} (device, seq)`, `CREATE INDEX idx_${name}_day ON ${name} (canteen, date, ${eventField})`],
				listRule: `${adminOf("canteen")} || ${deviceOf("canteen")}`,
				viewRule: `${adminOf("canteen")} || ${deviceOf("canteen")}`,
				createRule: null,
				updateRule: null,
				deleteRule: null,
			});
		app.save(
			ledger(
				"additive_uses",
				[
					{ type: "text", name: "additive", required: true, max: 100 },
					{ type: "text", name: "batch", required: true, max: 100 },
					{ type: "text", name: "food", required: true, max: 100 },
					{ type: "number", name: "amount" },
					{ type: "select", name: "unit", required: true, maxSelect: 1, values: ["g", "ml"] },
					{ type: "date", name: "used_at", required: true },
					{ type: "text", name: "used_by", required: true, max: 50 },
					{ type: "json", name: "findings", maxSize: 2000 },
				],
				"used_at",
			),
		);
		app.save(
			ledger(
				"accompanied_meals",
				[
					{ type: "select", name: "meal", required: true, maxSelect: 1, values: ["breakfast", "lunch", "dinner", "other"] },
					{ type: "text", name: "companion", required: true, max: 50 },
					{ type: "text", name: "companion_role", max: 50 },
					{ type: "date", name: "eaten_at", required: true },
					{ type: "text", name: "remarks", max: 1000 },
					{ type: "text", name: "recorded_by", required: true, max: 50 },
				],
				"eaten_at",
			),
		);
	},
	(app) => {
		app.delete(app.findCollectionByNameOrId("accompanied_meals"));
		app.delete(app.findCollectionByNameOrId("additive_uses"));
	},
);
