/// <reference path="../pb_data/types.d.ts" />

// 清洗消毒 tableware disinfection (issue 3): an append-only ledger chained like the others.
migrate(
	(app) => {
		const adminOf = (field) => `(@request.auth.collectionName = "users" && @request.auth.canteens.id ?= ${field})`;
		const deviceOf = (field) => `(@request.auth.collectionName = "devices" && @request.auth.canteen = ${field})`;
		const canteens = app.findCollectionByNameOrId("canteens");
		const devices = app.findCollectionByNameOrId("devices");
		const collection = new Collection({
			type: "base",
			name: "disinfections",
			fields: [
				{ type: "relation", name: "canteen", required: true, maxSelect: 1, collectionId: canteens.id },
				{ type: "relation", name: "device", required: true, maxSelect: 1, collectionId: devices.id },
				{ type: "select", name: "method", required: true, maxSelect: 1, values: ["boiling", "infrared", "dishwasher", "chlorine", "other"] },
				{ type: "text", name: "items", required: true, max: 200 },
				{ type: "number", name: "quantity" },
				{ type: "number", name: "temperature_c" },
				{ type: "number", name: "concentration_mg_l" },
				{ type: "date", name: "started_at", required: true },
				{ type: "date", name: "ended_at", required: true },
				{ type: "text", name: "operator", required: true, max: 50 },
				{ type: "text", name: "reason", max: 500 },
				{ type: "text", name: "accepted_by", max: 50 },
				// The server's own assessment (rules 14–17), stored like a morning check's verdict.
				{ type: "json", name: "findings", maxSize: 5000 },
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
				"CREATE UNIQUE INDEX idx_disinfections_chain ON disinfections (device, seq)",
				"CREATE INDEX idx_disinfections_day ON disinfections (canteen, date)",
			],
			listRule: `${adminOf("canteen")} || ${deviceOf("canteen")}`,
			viewRule: `${adminOf("canteen")} || ${deviceOf("canteen")}`,
			createRule: null,
			updateRule: null,
			deleteRule: null,
		});
		app.save(collection);
	},
	(app) => {
		app.delete(app.findCollectionByNameOrId("disinfections"));
	},
);
