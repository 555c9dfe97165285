/// <reference path="../pb_data/types.d.ts" />

// The monthly progress table a regulator files upward (实施情况统计表) names each unit's person in charge
// and phone; the operator records them with the canteen.
migrate(
	(app) => {
		const canteens = app.findCollectionByNameOrId("canteens");
		canteens.fields.add(new Field({ type: "text", name: "responsible_person", max: 50 }));
		canteens.fields.add(new Field({ type: "text", name: "phone", max: 30 }));
		app.save(canteens);
	},
	(app) => {
		const canteens = app.findCollectionByNameOrId("canteens");
		canteens.fields.removeByName("responsible_person");
		canteens.fields.removeByName("phone");
		app.save(canteens);
	},
);
