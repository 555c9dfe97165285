/// <reference path="../pb_data/types.d.ts" />

// The public face of a canteen (issue 18): the facts its managers publish, ratings and complaints from
// the public, complaints in the alert loop. Ratings and complaints arrive only through
// /api/mingchu/public/… (pb_hooks/public.pb.js), never through the records API; who sent them is kept
// as keyed hashes (hidden), so the raw address of a parent never reaches the database.
migrate(
	(app) => {
		const canteens = app.findCollectionByNameOrId("canteens");
		canteens.fields.add(new Field({ type: "text", name: "licence_expires", max: 10, pattern: "^(\\d{4}-\\d{2}-\\d{2})?$" }));
		canteens.fields.add(new Field({ type: "text", name: "commitment", max: 500 }));
		canteens.fields.add(new Field({ type: "text", name: "complaint_phone", max: 30 }));
		// Ordering platforms may show the live kitchen in their pages only when the canteen allows it.
		canteens.fields.add(new Field({ type: "bool", name: "embed_enabled" }));
		app.save(canteens);

		const manages = (c) =>
			`(@request.auth.collectionName = "users" && (@request.auth.canteens.id ?= ${c} || (${c}.organisation != "" && @request.auth.organisations.id ?= ${c}.organisation)))`;
		const regulates = (district) =>
			`(@request.auth.collectionName = "users" && @request.auth.role = "regulator" && @request.auth.district_scope != "" && ${district} ~ @request.auth.district_scope)`;

		app.save(
			new Collection({
				type: "base",
				name: "complaints",
				fields: [
					{ type: "relation", name: "canteen", required: true, maxSelect: 1, collectionId: canteens.id },
					{ type: "select", name: "category", required: true, maxSelect: 1, values: ["foreign_matter", "spoiled", "illness", "hygiene", "service", "other"] },
					{ type: "text", name: "text", required: true, max: 1000 },
					{ type: "file", name: "photo", maxSelect: 1, maxSize: 5 * 1024 * 1024, mimeTypes: ["image/jpeg", "image/png"], protected: true },
					// For a reply by phone: the canteen's managers and its regulators only, never the public page.
					{ type: "text", name: "phone", max: 30 },
					{ type: "text", name: "device_hash", hidden: true, max: 64 },
					{ type: "text", name: "address_hash", hidden: true, max: 64 },
					{ type: "text", name: "alert", max: 15 },
					{ type: "text", name: "reply", max: 2000 },
					{ type: "bool", name: "reply_public" },
					{ type: "date", name: "replied_at" },
					{ type: "autodate", name: "created", onCreate: true, onUpdate: false },
					{ type: "autodate", name: "updated", onCreate: true, onUpdate: true },
				],
				indexes: [
					"CREATE INDEX idx_complaints_canteen ON complaints (canteen, created)",
					"CREATE INDEX idx_complaints_device ON complaints (device_hash, created)",
					"CREATE INDEX idx_complaints_address ON complaints (address_hash, created)",
				],
				listRule: `${manages("canteen")} || ${regulates("canteen.district")}`,
				viewRule: `${manages("canteen")} || ${regulates("canteen.district")}`,
				createRule: null,
				updateRule: null,
				deleteRule: null,
			}),
		);

		app.save(
			new Collection({
				type: "base",
				name: "public_ratings",
				fields: [
					{ type: "relation", name: "canteen", required: true, maxSelect: 1, collectionId: canteens.id },
					{ type: "number", name: "taste", required: true, onlyInt: true, min: 1, max: 3 },
					{ type: "number", name: "hygiene", required: true, onlyInt: true, min: 1, max: 3 },
					{ type: "number", name: "service", required: true, onlyInt: true, min: 1, max: 3 },
					{ type: "text", name: "comment", max: 200 },
					{ type: "text", name: "device_hash", hidden: true, max: 64 },
					{ type: "text", name: "address_hash", hidden: true, max: 64 },
					{ type: "autodate", name: "created", onCreate: true, onUpdate: false },
					{ type: "autodate", name: "updated", onCreate: true, onUpdate: true },
				],
				indexes: [
					"CREATE INDEX idx_ratings_canteen ON public_ratings (canteen, created)",
					"CREATE INDEX idx_ratings_device ON public_ratings (device_hash, created)",
					"CREATE INDEX idx_ratings_address ON public_ratings (address_hash, created)",
				],
				listRule: manages("canteen"),
				viewRule: manages("canteen"),
				createRule: null,
				updateRule: null,
				deleteRule: null,
			}),
		);

		// Complaints enter the alert loop; one left unanswered reaches the district's regulator with its card.
		const alerts = app.findCollectionByNameOrId("alerts");
		alerts.fields.getByName("source").values = ["ledger", "camera", "ai", "sensor", "inspection", "complaint"];
		const readers = `${manages("canteen")} || ((grade <= 2 || (source = "complaint" && card != "")) && ${regulates("canteen.district")})`;
		alerts.listRule = readers;
		alerts.viewRule = readers;
		app.save(alerts);
		const steps = app.findCollectionByNameOrId("alert_steps");
		const stepReaders = `${manages("canteen")} || ((alert.grade <= 2 || (alert.source = "complaint" && alert.card != "")) && ${regulates("canteen.district")})`;
		steps.listRule = stepReaders;
		steps.viewRule = stepReaders;
		app.save(steps);

		// Strangers' doors: the page's data (already limited) and the two forms, per address per minute;
		// the daily limits per phone and per address are the hooks' (with a polite answer).
		const settings = app.settings();
		settings.rateLimits.rules = [
			{ label: "POST /api/mingchu/public/", audience: "", duration: 60, maxRequests: 20 },
			...settings.rateLimits.rules.filter((rule) => rule.label !== "POST /api/mingchu/public/"),
		];
		app.save(settings);
	},
	(app) => {
		const settings = app.settings();
		settings.rateLimits.rules = settings.rateLimits.rules.filter((rule) => rule.label !== "POST /api/mingchu/public/");
		app.save(settings);
		const manages = (c) =>
			`(@request.auth.collectionName = "users" && (@request.auth.canteens.id ?= ${c} || (${c}.organisation != "" && @request.auth.organisations.id ?= ${c}.organisation)))`;
		const regulates = (district) =>
			`(@request.auth.collectionName = "users" && @request.auth.role = "regulator" && @request.auth.district_scope != "" && ${district} ~ @request.auth.district_scope)`;
		const alerts = app.findCollectionByNameOrId("alerts");
		alerts.listRule = alerts.viewRule = `${manages("canteen")} || (grade <= 2 && ${regulates("canteen.district")})`;
		alerts.fields.getByName("source").values = ["ledger", "camera", "ai", "sensor", "inspection"];
		app.save(alerts);
		const steps = app.findCollectionByNameOrId("alert_steps");
		steps.listRule = steps.viewRule = `${manages("canteen")} || (alert.grade <= 2 && ${regulates("canteen.district")})`;
		app.save(steps);
		app.delete(app.findCollectionByNameOrId("public_ratings"));
		app.delete(app.findCollectionByNameOrId("complaints"));
		for (const name of ["licence_expires", "commitment", "complaint_phone", "embed_enabled"]) {
			const canteens = app.findCollectionByNameOrId("canteens");
			canteens.fields.removeByName(name);
			app.save(canteens);
		}
	},
);
