/// <reference path="../pb_data/types.d.ts" />

// Tamper evidence (issue 5): every ledger record carries its kiosk's sequence number and a hash chained
// to the kiosk's previous record; the server seals what it stored and digests each day. Submissions the
// rules refused are kept too, because they hold places in the chain. Staff get a version number so that
// two people editing the same person cannot overwrite each other silently.
migrate(
	(app) => {
		const adminOf = (field) => `(@request.auth.collectionName = "users" && @request.auth.canteens.id ?= ${field})`;
		const canteens = app.findCollectionByNameOrId("canteens");
		const devices = app.findCollectionByNameOrId("devices");
		const chainFields = [
			{ type: "number", name: "seq", onlyInt: true, min: 1 },
			{ type: "text", name: "prev_hash", max: 64 },
			{ type: "text", name: "hash", max: 64 },
			// The server's clock, not the tablet's: when the record arrived.
			{ type: "date", name: "received_at" },
			// SHA-256 over every stored field, the server's verdict included (pb_hooks/lib/chain.js).
			{ type: "text", name: "seal", max: 64 },
		];

		const morningChecks = app.findCollectionByNameOrId("morning_checks");
		for (const field of chainFields) morningChecks.fields.add(new Field(field));
		morningChecks.addIndex("idx_morning_checks_chain", true, "device, seq", "");
		morningChecks.addIndex("idx_morning_checks_received", false, "canteen, received_at", "");
		// Kiosks upload through /api/mingchu/sync/morning_checks, which keeps the chain; a record created
		// any other way (a superuser in the dashboard) has no place in a chain and shows up as inserted.
		morningChecks.createRule = null;
		app.save(morningChecks);

		const refused = new Collection({
			type: "base",
			name: "refused_submissions",
			fields: [
				{ type: "relation", name: "canteen", required: true, maxSelect: 1, collectionId: canteens.id },
				{ type: "relation", name: "device", required: true, maxSelect: 1, collectionId: devices.id },
				{ type: "text", name: "ledger", required: true, max: 50 },
				{ type: "text", name: "record_id", required: true, max: 15 },
				...chainFields,
				// What the kiosk sent, so that the hash can be recomputed and the administrator can read it.
				{ type: "json", name: "payload", maxSize: 20000 },
				{ type: "json", name: "reasons", maxSize: 20000 },
				{ type: "autodate", name: "created", onCreate: true, onUpdate: false },
			],
			indexes: [
				"CREATE UNIQUE INDEX idx_refused_chain ON refused_submissions (device, seq)",
				"CREATE UNIQUE INDEX idx_refused_record ON refused_submissions (ledger, record_id)",
				"CREATE INDEX idx_refused_received ON refused_submissions (canteen, received_at)",
			],
			listRule: adminOf("canteen"),
			viewRule: adminOf("canteen"),
			createRule: null,
			updateRule: null,
			deleteRule: null,
		});
		app.save(refused);

		const digests = new Collection({
			type: "base",
			name: "daily_digests",
			fields: [
				{ type: "relation", name: "canteen", required: true, maxSelect: 1, collectionId: canteens.id },
				// The canteen's local date on which the records arrived.
				{ type: "text", name: "day", required: true, pattern: "^\\d{4}-\\d{2}-\\d{2}$", max: 10 },
				{ type: "number", name: "records", onlyInt: true },
				{ type: "text", name: "digest", required: true, max: 64 },
				{ type: "autodate", name: "created", onCreate: true, onUpdate: false },
			],
			indexes: ["CREATE UNIQUE INDEX idx_digest_day ON daily_digests (canteen, day)"],
			listRule: adminOf("canteen"),
			viewRule: adminOf("canteen"),
			createRule: null,
			updateRule: null,
			deleteRule: null,
		});
		app.save(digests);

		// The server's view of each kiosk's chain head: without it, deleting a kiosk's newest record
		// would leave no gap behind.
		devices.fields.add(new Field({ type: "number", name: "last_seq", onlyInt: true }));
		devices.fields.add(new Field({ type: "text", name: "last_hash", max: 64 }));
		app.save(devices);

		const staff = app.findCollectionByNameOrId("staff");
		staff.fields.add(new Field({ type: "number", name: "version", onlyInt: true }));
		// A person who leaves is marked inactive, never deleted: kiosks pull changes since a cursor and
		// would not see a deletion, and old checks keep pointing at the person.
		staff.deleteRule = null;
		app.save(staff);
	},
	(app) => {
		for (const name of ["daily_digests", "refused_submissions"]) app.delete(app.findCollectionByNameOrId(name));
		const morningChecks = app.findCollectionByNameOrId("morning_checks");
		for (const name of ["seq", "prev_hash", "hash", "received_at", "seal"]) morningChecks.fields.removeByName(name);
		morningChecks.removeIndex("idx_morning_checks_chain");
		morningChecks.removeIndex("idx_morning_checks_received");
		morningChecks.createRule = `@request.auth.collectionName = "devices" && @request.auth.canteen = canteen && device = @request.auth.id`;
		app.save(morningChecks);
		const devices = app.findCollectionByNameOrId("devices");
		for (const name of ["last_seq", "last_hash"]) devices.fields.removeByName(name);
		app.save(devices);
		const staff = app.findCollectionByNameOrId("staff");
		staff.fields.removeByName("version");
		staff.deleteRule = `(@request.auth.collectionName = "users" && @request.auth.canteens.id ?= canteen)`;
		app.save(staff);
	},
);
