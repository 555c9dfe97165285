/// <reference path="../pb_data/types.d.ts" />

// A food sample may carry a photo of its sealed, labelled container (its digest is chained).
migrate(
	(app) => {
		const samples = app.findCollectionByNameOrId("food_samples");
		samples.fields.add(new Field({ type: "text", name: "photo_sha256", max: 64, pattern: "^([0-9a-f]{64})?$" }));
		app.save(samples);
	},
	(app) => {
		const samples = app.findCollectionByNameOrId("food_samples");
		samples.fields.removeByName("photo_sha256");
		app.save(samples);
	},
);
