/// <reference path="../pb_data/types.d.ts" />

// 自查 self-inspection (issue 3): checklists an administrator keeps (shared data under the version rule)
// and the chained ledger of rounds through them; a failed item carries its corrective action, a round
// may carry a photo of what failed.
migrate(
	(app) => {
		const adminOf = (field) => `(@request.auth.collectionName = "users" && @request.auth.canteens.id ?= ${field})`;
		const deviceOf = (field) => `(@request.auth.collectionName = "devices" && @request.auth.canteen = ${field})`;
		const canteens = app.findCollectionByNameOrId("canteens");
		const devices = app.findCollectionByNameOrId("devices");
		const kinds = ["opening", "closing", "weekly", "monthly"];
		app.save(
			new Collection({
				type: "base",
				name: "inspection_templates",
				fields: [
					{ type: "relation", name: "canteen", required: true, maxSelect: 1, collectionId: canteens.id },
					{ type: "text", name: "name", required: true, max: 100 },
					{ type: "select", name: "kind", required: true, maxSelect: 1, values: kinds },
					{ type: "json", name: "items", maxSize: 20000 },
					{ type: "bool", name: "active" },
					{ type: "number", name: "version", onlyInt: true },
					{ type: "autodate", name: "created", onCreate: true, onUpdate: false },
					{ type: "autodate", name: "updated", onCreate: true, onUpdate: true },
				],
				indexes: ["CREATE INDEX idx_inspection_templates_canteen ON inspection_templates (canteen, updated)"],
				listRule: `${adminOf("canteen")} || ${deviceOf("canteen")}`,
				viewRule: `${adminOf("canteen")} || ${deviceOf("canteen")}`,
				createRule: adminOf("canteen"),
				updateRule: `${adminOf("canteen")} && (@request.body.canteen:isset = false || @request.auth.canteens.id ?= @request.body.canteen)`,
				// Rounds name the checklist they followed: one no longer used is marked inactive.
				deleteRule: null,
			}),
		);
		app.save(
			new Collection({
				type: "base",
				name: "self_inspections",
				fields: [
					{ type: "relation", name: "canteen", required: true, maxSelect: 1, collectionId: canteens.id },
					{ type: "relation", name: "device", required: true, maxSelect: 1, collectionId: devices.id },
					{ type: "text", name: "template", required: true, max: 100 },
					{ type: "select", name: "kind", required: true, maxSelect: 1, values: kinds },
					{ type: "json", name: "results", maxSize: 50000 },
					{ type: "date", name: "inspected_at", required: true },
					{ type: "text", name: "inspected_by", required: true, max: 50 },
					{ type: "text", name: "photo_sha256", max: 64, pattern: "^([0-9a-f]{64})?$" },
					{ type: "json", name: "findings", maxSize: 5000 },
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
					"CREATE UNIQUE INDEX idx_self_inspections_chain ON self_inspections (device, seq)",
					"CREATE INDEX idx_self_inspections_day ON self_inspections (canteen, date, inspected_at)",
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
		app.delete(app.findCollectionByNameOrId("self_inspections"));
		app.delete(app.findCollectionByNameOrId("inspection_templates"));
	},
);
