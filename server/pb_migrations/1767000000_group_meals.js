/// <reference path="../pb_data/types.d.ts" />

// 聚餐登记 group-meal registrations (issue 15, seed 001): made beforehand by a canteen's administrators,
// read by them and by their district's regulators (who follow up on large gatherings). The organiser's
// phone is for the regulator; no public page shows it.
migrate(
	(app) => {
		const suppliers = app.findCollectionByNameOrId("suppliers");
		const inspections = app.findCollectionByNameOrId("inspections");
		const canteens = app.findCollectionByNameOrId("canteens");
		app.save(
			new Collection({
				type: "base",
				name: "group_meals",
				fields: [
					{ type: "relation", name: "canteen", required: true, maxSelect: 1, collectionId: canteens.id },
					{ type: "text", name: "date", required: true, pattern: "^\\d{4}-\\d{2}-\\d{2}$", max: 10 },
					{ type: "select", name: "meal", required: true, maxSelect: 1, values: ["breakfast", "lunch", "dinner", "other"] },
					{ type: "number", name: "headcount", onlyInt: true, min: 1 },
					{ type: "text", name: "occasion", required: true, max: 100 },
					{ type: "text", name: "organiser", required: true, max: 50 },
					{ type: "text", name: "organiser_phone", required: true, max: 20 },
					{ type: "json", name: "dishes", maxSize: 5000 },
					{ type: "text", name: "chef", required: true, max: 50 },
					{ type: "bool", name: "samples_kept" },
					{ type: "text", name: "registered_by", max: 100 },
					{ type: "autodate", name: "created", onCreate: true, onUpdate: false },
					{ type: "autodate", name: "updated", onCreate: true, onUpdate: true },
				],
				indexes: ["CREATE INDEX idx_group_meals_day ON group_meals (canteen, date)", "CREATE INDEX idx_group_meals_date ON group_meals (date)"],
				listRule: inspections.listRule,
				viewRule: inspections.viewRule,
				createRule: suppliers.createRule,
				updateRule: suppliers.updateRule,
				deleteRule: null,
			}),
		);
	},
	(app) => {
		app.delete(app.findCollectionByNameOrId("group_meals"));
	},
);
