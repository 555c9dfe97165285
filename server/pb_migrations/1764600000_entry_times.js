/// <reference path="../pb_data/types.d.ts" />

// 补录 (late entries, issue 3): every ledger record keeps when it was written down on the tablet, and the
// server's reasons for marking it late (entered long after the event, or a tablet clock that is off).
const LEDGERS = ["morning_checks", "food_samples", "sample_disposals", "disinfections", "voids", "cold_readings"];

migrate(
	(app) => {
		for (const name of LEDGERS) {
			const collection = app.findCollectionByNameOrId(name);
			collection.fields.add(new Field({ type: "date", name: "entered_at" }));
			collection.fields.add(new Field({ type: "json", name: "late", maxSize: 1000 }));
			app.save(collection);
		}
	},
	(app) => {
		for (const name of LEDGERS) {
			const collection = app.findCollectionByNameOrId(name);
			collection.fields.removeByName("entered_at");
			collection.fields.removeByName("late");
			app.save(collection);
		}
	},
);
