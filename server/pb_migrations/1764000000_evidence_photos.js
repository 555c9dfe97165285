/// <reference path="../pb_data/types.d.ts" />

// Photos as evidence (a wound at the morning check; later a certificate, a sample, a failed inspection
// item). A photo is uploaded after its record, on its own, so an interrupted upload is simply retried;
// the record carries the photo's SHA-256 in its chained content.
migrate(
	(app) => {
		const adminOf = (field) => `(@request.auth.collectionName = "users" && @request.auth.canteens.id ?= ${field})`;
		const canteens = app.findCollectionByNameOrId("canteens");
		const devices = app.findCollectionByNameOrId("devices");

		const morningChecks = app.findCollectionByNameOrId("morning_checks");
		morningChecks.fields.add(new Field({ type: "text", name: "photo_sha256", max: 64, pattern: "^([0-9a-f]{64})?$" }));
		app.save(morningChecks);

		const photos = new Collection({
			type: "base",
			name: "evidence_photos",
			fields: [
				{ type: "relation", name: "canteen", required: true, maxSelect: 1, collectionId: canteens.id },
				{ type: "relation", name: "device", required: true, maxSelect: 1, collectionId: devices.id },
				{ type: "text", name: "ledger", required: true, max: 50 },
				{ type: "text", name: "record_id", required: true, max: 15 },
				{ type: "text", name: "sha256", required: true, pattern: "^[0-9a-f]{64}$" },
				{
					type: "file",
					name: "photo",
					required: true,
					maxSelect: 1,
					// Shrunk on the tablet to ≤ 300 KB; the margin is for a phone's odd encoder.
					maxSize: 512 * 1024,
					// PocketBase sniffs the content, so a renamed PDF or script is refused.
					mimeTypes: ["image/jpeg", "image/png", "image/webp"],
					thumbs: ["240x240"],
					// Photos of people: only with a file token of someone allowed to view the record.
					protected: true,
				},
				{ type: "autodate", name: "created", onCreate: true, onUpdate: false },
			],
			indexes: ["CREATE INDEX idx_photos_record ON evidence_photos (ledger, record_id)"],
			listRule: `${adminOf("canteen")} || (@request.auth.collectionName = "devices" && device = @request.auth.id)`,
			viewRule: `${adminOf("canteen")} || (@request.auth.collectionName = "devices" && device = @request.auth.id)`,
			createRule: `@request.auth.collectionName = "devices" && @request.auth.canteen = canteen && device = @request.auth.id`,
			updateRule: null,
			deleteRule: null,
		});
		app.save(photos);
	},
	(app) => {
		app.delete(app.findCollectionByNameOrId("evidence_photos"));
		const morningChecks = app.findCollectionByNameOrId("morning_checks");
		morningChecks.fields.removeByName("photo_sha256");
		app.save(morningChecks);
	},
);
