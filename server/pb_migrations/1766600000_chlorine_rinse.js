/// <reference path="../pb_data/types.d.ts" />

// Rules 17–18 (issue 15): a chlorine soak records the rinse after it and when its solution was made.
// Added later to a chained, sealed ledger: empty in older records, and left out of their hash and
// seal while empty (app/lib/domain/ledgers.ts marks them 'later').
migrate(
	(app) => {
		const disinfections = app.findCollectionByNameOrId("disinfections");
		disinfections.fields.add(new Field({ type: "date", name: "rinsed_at" }));
		disinfections.fields.add(new Field({ type: "date", name: "solution_made_at" }));
		app.save(disinfections);
	},
	(app) => {
		const disinfections = app.findCollectionByNameOrId("disinfections");
		disinfections.fields.removeByName("rinsed_at");
		disinfections.fields.removeByName("solution_made_at");
		app.save(disinfections);
	},
);
