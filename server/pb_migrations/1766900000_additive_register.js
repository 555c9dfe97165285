/// <reference path="../pb_data/types.d.ts" />

// 添加剂备案 additive register (issue 15, seed 001): the additives a canteen keeps, recorded once (name,
// supplier, purpose, storage place, person responsible). Shared data under the version rule, read and
// kept like the suppliers.
migrate(
	(app) => {
		const suppliers = app.findCollectionByNameOrId("suppliers");
		const canteens = app.findCollectionByNameOrId("canteens");
		app.save(
			new Collection({
				type: "base",
				name: "additives",
				fields: [
					{ type: "relation", name: "canteen", required: true, maxSelect: 1, collectionId: canteens.id },
					{ type: "text", name: "name", required: true, max: 100 },
					{ type: "text", name: "supplier", max: 100 },
					{ type: "text", name: "purpose", max: 200 },
					{ type: "text", name: "storage_place", max: 100 },
					{ type: "text", name: "keeper", max: 50 },
					{ type: "bool", name: "active" },
					{ type: "number", name: "version", onlyInt: true },
					{ type: "autodate", name: "created", onCreate: true, onUpdate: false },
					{ type: "autodate", name: "updated", onCreate: true, onUpdate: true },
				],
				indexes: ["CREATE INDEX idx_additives_canteen ON additives (canteen, updated)"],
				listRule: suppliers.listRule,
				viewRule: suppliers.viewRule,
				createRule: suppliers.createRule,
				updateRule: suppliers.updateRule,
				// Uses refer to them by name: an additive no longer kept is marked not in use.
				deleteRule: null,
			}),
		);
	},
	(app) => {
		app.delete(app.findCollectionByNameOrId("additives"));
	},
);
