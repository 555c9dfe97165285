/// <reference path="../pb_data/types.d.ts" />

// Cold storage temperatures (issue 3, rules 6 and 29): an append-only ledger chained like the others.
migrate(
	(app) => {
		const adminOf = (field) => `(@request.auth.collectionName = "users" && @request.auth.canteens.id ?= ${field})`;
		const deviceOf = (field) => `(@request.auth.collectionName = "devices" && @request.auth.canteen = ${field})`;
		const canteens = app.findCollectionByNameOrId("canteens");
		const devices = app.findCollectionByNameOrId("devices");
		app.save(
			new Collection({
				type: "base",
				name: "cold_readings",
				fields: [
					{ type: "relation", name: "canteen", required: true, maxSelect: 1, collectionId: canteens.id },
					{ type: "relation", name: "device", required: true, maxSelect: 1, collectionId: devices.id },
					{ type: "text", name: "unit", required: true, max: 50 },
					{ type: "select", name: "kind", required: true, maxSelect: 1, values: ["refrigerator", "freezer", "sample_fridge"] },
					// 0 °C is a real reading here: not "required" (PocketBase would refuse 0 as blank).
					{ type: "number", name: "temperature_c" },
					{ type: "date", name: "read_at", required: true },
					{ type: "text", name: "read_by", required: true, max: 50 },
					{ type: "text", name: "reason", max: 500 },
					{ type: "text", name: "accepted_by", max: 50 },
					{ type: "json", name: "findings", maxSize: 2000 },
					{ type: "text", name: "date", required: true, pattern: "^\\d{4}-\\d{2}-\\d{2}$", max: 10 },
					{ type: "number", name: "seq", onlyInt: true, min: 1 },
					{ type: "text", name: "prev_hash", max: 64 },
					{ type: "text", name: "hash", max: 64 },
					{ type: "date", name: "received_at" },
					{ type: "text", name: "seal", max: 64 },
					{ type: "autodate", name: "created", onCreate: true, onUpdate: false },
					{ type: "autodate", name: "updated", onCreate: true, onUpdate: true },
				],
				indexes: [
					"CREATE UNIQUE INDEX idx_cold_readings_chain ON cold_readings (device, seq)",
					"CREATE INDEX idx_cold_readings_day ON cold_readings (canteen, date)",
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
		app.delete(app.findCollectionByNameOrId("cold_readings"));
	},
);
