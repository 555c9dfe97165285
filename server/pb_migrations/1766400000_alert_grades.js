/// <reference path="../pb_data/types.d.ts" />

// Alert grades per kind, set by the operator (the province's or county's practice may grade a kind
// differently from the defaults in app/lib/domain/alerts.ts). Nobody but the operator reads or writes
// them through the API; the dashboard (/_/) is where they are kept.
migrate(
	(app) => {
		const grades = new Collection({
			type: "base",
			name: "alert_grades",
			fields: [
				{ type: "text", name: "kind", required: true, max: 60 },
				{ type: "number", name: "grade", required: true, onlyInt: true, min: 1, max: 3 },
				{ type: "text", name: "note", max: 500 },
				{ type: "autodate", name: "created", onCreate: true, onUpdate: false },
				{ type: "autodate", name: "updated", onCreate: true, onUpdate: true },
			],
			indexes: ["CREATE UNIQUE INDEX idx_alert_grades_kind ON alert_grades (kind)"],
			listRule: null,
			viewRule: null,
			createRule: null,
			updateRule: null,
			deleteRule: null,
		});
		app.save(grades);
	},
	(app) => {
		app.delete(app.findCollectionByNameOrId("alert_grades"));
	},
);
