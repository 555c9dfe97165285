/// <reference path="../pb_data/types.d.ts" />

// 餐厨废弃物 kitchen waste (issue 3, rules 26–28): the canteen's licensed collectors (shared data, edited
// by administrators with the version rule of staff) and the chained ledger of hand-overs, each signed
// by the receiver on the tablet (the signature is an evidence photo; its digest is chained).
migrate(
	(app) => {
		const adminOf = (field) => `(@request.auth.collectionName = "users" && @request.auth.canteens.id ?= ${field})`;
		const deviceOf = (field) => `(@request.auth.collectionName = "devices" && @request.auth.canteen = ${field})`;
		const canteens = app.findCollectionByNameOrId("canteens");
		const devices = app.findCollectionByNameOrId("devices");
		const date = (name) => ({ type: "text", name, max: 10, pattern: "^(\\d{4}-\\d{2}-\\d{2})?$" });
		const collectors = new Collection({
			type: "base",
			name: "waste_collectors",
			fields: [
				{ type: "relation", name: "canteen", required: true, maxSelect: 1, collectionId: canteens.id },
				{ type: "text", name: "name", required: true, max: 100 },
				{ type: "text", name: "licence_number", max: 100 },
				date("licence_expires"),
				date("contract_expires"),
				{ type: "text", name: "contact", max: 50 },
				{ type: "text", name: "phone", max: 30 },
				{ type: "text", name: "address", max: 200 },
				{ type: "bool", name: "active" },
				{ type: "number", name: "version", onlyInt: true },
				{ type: "autodate", name: "created", onCreate: true, onUpdate: false },
				{ type: "autodate", name: "updated", onCreate: true, onUpdate: true },
			],
			indexes: ["CREATE INDEX idx_waste_collectors_canteen ON waste_collectors (canteen, updated)"],
			listRule: `${adminOf("canteen")} || ${deviceOf("canteen")}`,
			viewRule: `${adminOf("canteen")} || ${deviceOf("canteen")}`,
			createRule: adminOf("canteen"),
			updateRule: `${adminOf("canteen")} && (@request.body.canteen:isset = false || @request.auth.canteens.id ?= @request.body.canteen)`,
			// Hand-overs refer to them: a collector no longer used is marked inactive, never deleted.
			deleteRule: null,
		});
		app.save(collectors);

		// Signatures are wide and short: a thumbnail scaled to 480 px wide rather than cropped square.
		const photos = app.findCollectionByNameOrId("evidence_photos");
		const photo = photos.fields.getByName("photo");
		photo.thumbs = [...photo.thumbs, "480x0"];
		app.save(photos);

		app.save(
			new Collection({
				type: "base",
				name: "waste_handovers",
				fields: [
					{ type: "relation", name: "canteen", required: true, maxSelect: 1, collectionId: canteens.id },
					{ type: "relation", name: "device", required: true, maxSelect: 1, collectionId: devices.id },
					{ type: "select", name: "waste_type", required: true, maxSelect: 1, values: ["food_waste", "waste_oil", "other"] },
					{ type: "number", name: "weight_kg" },
					{ type: "relation", name: "collector", required: true, maxSelect: 1, collectionId: collectors.id },
					// As the collector was at the hand-over, so that a later edit of the list does not rewrite history.
					{ type: "json", name: "collector_snapshot", maxSize: 2000 },
					{ type: "text", name: "destination", max: 200 },
					{ type: "date", name: "handed_at", required: true },
					{ type: "text", name: "handed_by", required: true, max: 50 },
					{ type: "text", name: "receiver", required: true, max: 50 },
					{ type: "text", name: "photo_sha256", max: 64, pattern: "^([0-9a-f]{64})?$" },
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
					"CREATE UNIQUE INDEX idx_waste_handovers_chain ON waste_handovers (device, seq)",
					"CREATE INDEX idx_waste_handovers_day ON waste_handovers (canteen, date)",
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
		app.delete(app.findCollectionByNameOrId("waste_handovers"));
		app.delete(app.findCollectionByNameOrId("waste_collectors"));
	},
);
