/// <reference path="../pb_data/types.d.ts" />

// 带量食谱 weekly menus (issue 15, rule 32): shared data of a canteen under the version rule, one record
// per week, kept by its administrators and read by its tablets (and its district's regulators: a menu
// has no personal data, and the public page will show it).
migrate(
	(app) => {
		const suppliers = app.findCollectionByNameOrId("suppliers");
		const canteens = app.findCollectionByNameOrId("canteens");
		app.save(
			new Collection({
				type: "base",
				name: "menus",
				fields: [
					{ type: "relation", name: "canteen", required: true, maxSelect: 1, collectionId: canteens.id },
					{ type: "text", name: "week_start", required: true, pattern: "^\\d{4}-\\d{2}-\\d{2}$", max: 10 },
					{ type: "json", name: "days", maxSize: 100000 },
					{ type: "number", name: "version", onlyInt: true },
					{ type: "autodate", name: "created", onCreate: true, onUpdate: false },
					{ type: "autodate", name: "updated", onCreate: true, onUpdate: true },
				],
				indexes: ["CREATE UNIQUE INDEX idx_menus_week ON menus (canteen, week_start)", "CREATE INDEX idx_menus_canteen ON menus (canteen, updated)"],
				listRule: suppliers.listRule,
				viewRule: suppliers.viewRule,
				createRule: suppliers.createRule,
				updateRule: suppliers.updateRule,
				deleteRule: null,
			}),
		);
	},
	(app) => {
		app.delete(app.findCollectionByNameOrId("menus"));
	},
);
