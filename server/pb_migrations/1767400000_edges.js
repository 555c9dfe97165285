/// <reference path="../pb_data/types.d.ts" />

// Edge mode (issue 17, section 4): a school's mini-PC runs MediaMTX beside its cameras and takes its
// camera list and access decisions from the county (pb_hooks/lib/edge.js). It signs in as an `edges`
// record, enrolled like a tablet but not a tablet: no API rule names this collection, so an edge box
// reads nothing of the ledgers; it reaches only its own routes.
migrate(
	(app) => {
		const canteens = app.findCollectionByNameOrId("canteens");
		const edges = new Collection({
			type: "auth",
			name: "edges",
			listRule: null,
			viewRule: null,
			createRule: null,
			updateRule: null,
			deleteRule: null,
			fields: [
				{ type: "text", name: "name", required: true, max: 100 },
				{ type: "relation", name: "canteen", required: true, maxSelect: 1, collectionId: canteens.id },
				{ type: "bool", name: "active" },
				{ type: "text", name: "enrol_code_hash", hidden: true, max: 64 },
				{ type: "date", name: "enrol_expires", hidden: true },
				{ type: "date", name: "enrolled_at" },
				// Where the school's LAN reaches the box, as it reports itself: the display plays from there.
				{ type: "text", name: "lan_host", max: 100, pattern: "^[A-Za-z0-9.:\\-\\[\\]]*$" },
				{ type: "json", name: "ports", maxSize: 500 },
				{ type: "date", name: "seen_at" },
				{ type: "autodate", name: "created", onCreate: true, onUpdate: false },
				{ type: "autodate", name: "updated", onCreate: true, onUpdate: true },
			],
			indexes: ["CREATE INDEX idx_edges_canteen ON edges (canteen)"],
		});
		edges.passwordAuth.enabled = true;
		edges.passwordAuth.identityFields = ["email"];
		app.save(edges);
	},
	(app) => {
		app.delete(app.findCollectionByNameOrId("edges"));
	},
);
