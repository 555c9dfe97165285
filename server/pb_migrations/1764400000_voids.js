/// <reference path="../pb_data/types.d.ts" />

// Voids (issue 3): a saved record is never changed; voiding it with a reason is a chained record of its
// own, once per record.
migrate(
	(app) => {
		const adminOf = (field) => `(@request.auth.collectionName = "users" && @request.auth.canteens.id ?= ${field})`;
		const deviceOf = (field) => `(@request.auth.collectionName = "devices" && @request.auth.canteen = ${field})`;
		const canteens = app.findCollectionByNameOrId("canteens");
		const devices = app.findCollectionByNameOrId("devices");
		app.save(
			new Collection({
				type: "base",
				name: "voids",
				fields: [
					{ type: "relation", name: "canteen", required: true, maxSelect: 1, collectionId: canteens.id },
					{ type: "relation", name: "device", required: true, maxSelect: 1, collectionId: devices.id },
					{ type: "text", name: "ledger", required: true, max: 50 },
					{ type: "text", name: "record_id", required: true, max: 15 },
					{ type: "text", name: "reason", required: true, max: 500 },
					{ type: "text", name: "voided_by", required: true, max: 50 },
					{ type: "date", name: "voided_at", required: true },
					{ type: "number", name: "seq", onlyInt: true, min: 1 },
					{ type: "text", name: "prev_hash", max: 64 },
					{ type: "text", name: "hash", max: 64 },
					{ type: "date", name: "received_at" },
					{ type: "text", name: "seal", max: 64 },
					{ type: "autodate", name: "created", onCreate: true, onUpdate: false },
					{ type: "autodate", name: "updated", onCreate: true, onUpdate: true },
				],
				indexes: [
					"CREATE UNIQUE INDEX idx_voids_chain ON voids (device, seq)",
					"CREATE UNIQUE INDEX idx_voids_record ON voids (ledger, record_id)",
					"CREATE INDEX idx_voids_canteen ON voids (canteen, voided_at)",
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
		app.delete(app.findCollectionByNameOrId("voids"));
	},
);
