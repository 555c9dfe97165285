/// <reference path="../pb_data/types.d.ts" />

// 进货查验 purchase inspection (issue 4, rules 19–22 and 24): suppliers (shared data under the version
// rule) and the chained ledger of deliveries received, each with its lines, documents and the photo of
// its delivery note. Purchase records are never deleted (rule 22: kept at least until retain_until).
migrate(
	(app) => {
		const adminOf = (field) => `(@request.auth.collectionName = "users" && @request.auth.canteens.id ?= ${field})`;
		const deviceOf = (field) => `(@request.auth.collectionName = "devices" && @request.auth.canteen = ${field})`;
		const canteens = app.findCollectionByNameOrId("canteens");
		const devices = app.findCollectionByNameOrId("devices");
		const suppliers = new Collection({
			type: "base",
			name: "suppliers",
			fields: [
				{ type: "relation", name: "canteen", required: true, maxSelect: 1, collectionId: canteens.id },
				{ type: "text", name: "name", required: true, max: 100 },
				{ type: "text", name: "credit_code", max: 18 },
				{ type: "text", name: "licence_number", max: 100 },
				{ type: "text", name: "licence_expires", max: 10, pattern: "^(\\d{4}-\\d{2}-\\d{2})?$" },
				{ type: "text", name: "contact", max: 50 },
				{ type: "text", name: "phone", max: 30 },
				{ type: "text", name: "address", max: 200 },
				{ type: "json", name: "categories", maxSize: 1000 },
				{ type: "bool", name: "active" },
				{ type: "number", name: "version", onlyInt: true },
				{ type: "autodate", name: "created", onCreate: true, onUpdate: false },
				{ type: "autodate", name: "updated", onCreate: true, onUpdate: true },
			],
			indexes: ["CREATE INDEX idx_suppliers_canteen ON suppliers (canteen, updated)"],
			listRule: `${adminOf("canteen")} || ${deviceOf("canteen")}`,
			viewRule: `${adminOf("canteen")} || ${deviceOf("canteen")}`,
			createRule: adminOf("canteen"),
			updateRule: `${adminOf("canteen")} && (@request.body.canteen:isset = false || @request.auth.canteens.id ?= @request.body.canteen)`,
			// Purchases refer to them (traceability): a supplier no longer used is marked inactive.
			deleteRule: null,
		});
		app.save(suppliers);
		app.save(
			new Collection({
				type: "base",
				name: "purchases",
				fields: [
					{ type: "relation", name: "canteen", required: true, maxSelect: 1, collectionId: canteens.id },
					{ type: "relation", name: "device", required: true, maxSelect: 1, collectionId: devices.id },
					{ type: "relation", name: "supplier", required: true, maxSelect: 1, collectionId: suppliers.id },
					{ type: "json", name: "supplier_snapshot", maxSize: 3000 },
					{ type: "date", name: "delivered_at", required: true },
					{ type: "text", name: "received_by", required: true, max: 50 },
					{ type: "json", name: "lines", maxSize: 100000 },
					{ type: "json", name: "documents", maxSize: 10000 },
					{ type: "text", name: "photo_sha256", max: 64, pattern: "^([0-9a-f]{64})?$" },
					{ type: "json", name: "findings", maxSize: 5000 },
					// Rule 22: no purge may remove the record before this day.
					{ type: "text", name: "retain_until", max: 10 },
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
					"CREATE UNIQUE INDEX idx_purchases_chain ON purchases (device, seq)",
					"CREATE INDEX idx_purchases_day ON purchases (canteen, date)",
					"CREATE INDEX idx_purchases_supplier ON purchases (supplier, delivered_at)",
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
		app.delete(app.findCollectionByNameOrId("purchases"));
		app.delete(app.findCollectionByNameOrId("suppliers"));
	},
);
