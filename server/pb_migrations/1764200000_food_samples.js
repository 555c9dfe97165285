/// <reference path="../pb_data/types.d.ts" />

// 留样 food samples and their disposal (issue 3): two append-only ledgers chained like morning checks.
migrate(
	(app) => {
		const adminOf = (field) => `(@request.auth.collectionName = "users" && @request.auth.canteens.id ?= ${field})`;
		const deviceOf = (field) => `(@request.auth.collectionName = "devices" && @request.auth.canteen = ${field})`;
		const canteens = app.findCollectionByNameOrId("canteens");
		const devices = app.findCollectionByNameOrId("devices");
		const chained = [
			{ type: "relation", name: "canteen", required: true, maxSelect: 1, collectionId: canteens.id },
			{ type: "relation", name: "device", required: true, maxSelect: 1, collectionId: devices.id },
		];
		const chainFields = [
			{ type: "number", name: "seq", onlyInt: true, min: 1 },
			{ type: "text", name: "prev_hash", max: 64 },
			{ type: "text", name: "hash", max: 64 },
			{ type: "date", name: "received_at" },
			{ type: "text", name: "seal", max: 64 },
			{ type: "autodate", name: "created", onCreate: true, onUpdate: false },
			{ type: "autodate", name: "updated", onCreate: true, onUpdate: true },
		];
		const ledger = (name, fields, indexes) =>
			new Collection({
				type: "base",
				name,
				fields: [...chained, ...fields, ...chainFields],
				indexes: [`CREATE UNIQUE INDEX idx_${name}_chain ON ${name} (device, seq)`, ...indexes],
				listRule: `${adminOf("canteen")} || ${deviceOf("canteen")}`,
				viewRule: `${adminOf("canteen")} || ${deviceOf("canteen")}`,
				// Only through the kiosk's sync route, which keeps the chain (like morning checks).
				createRule: null,
				updateRule: null,
				deleteRule: null,
			});

		app.save(
			ledger(
				"food_samples",
				[
					{ type: "select", name: "meal", required: true, maxSelect: 1, values: ["breakfast", "lunch", "dinner", "other"] },
					{ type: "text", name: "dish", required: true, max: 100 },
					{ type: "number", name: "weight_g", required: true },
					{ type: "date", name: "taken_at", required: true },
					{ type: "text", name: "taken_by", required: true, max: 50 },
					{ type: "text", name: "fridge", max: 50 },
					{ type: "text", name: "date", required: true, pattern: "^\\d{4}-\\d{2}-\\d{2}$", max: 10 },
				],
				["CREATE INDEX idx_food_samples_day ON food_samples (canteen, date)"],
			),
		);
		app.save(
			ledger(
				"sample_disposals",
				[
					// Not a relation: the record stays readable whatever happens to the sample record.
					{ type: "text", name: "sample", required: true, max: 15 },
					{ type: "date", name: "disposed_at", required: true },
					{ type: "text", name: "disposed_by", required: true, max: 50 },
				],
				// A sample is thrown away once.
				["CREATE UNIQUE INDEX idx_sample_disposals_sample ON sample_disposals (sample)"],
			),
		);
	},
	(app) => {
		for (const name of ["sample_disposals", "food_samples"]) app.delete(app.findCollectionByNameOrId(name));
	},
);
