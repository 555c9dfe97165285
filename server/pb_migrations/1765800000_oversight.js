/// <reference path="../pb_data/types.d.ts" />

// Oversight (issue 13): roles and scopes, and the alert loop.
// - A canteen belongs to a district (6-digit 行政区划代码) and optionally to an organisation (a school
//   group or care-home operator).
// - users.role: manager (their `canteens`), org_admin (every canteen of their `organisations`, plus
//   `canteens`), regulator (read-only over canteens whose district lies under theirs). Only the operator
//   sets roles and scopes (users' own update rule refuses those fields); pb_hooks/users.pb.js derives
//   `district_scope` ("6405%" for a city) so that the rules can match by prefix.
// - Every rule that said "an administrator of the canteen" now also admits its organisation's
//   administrators. Regulators read the canteen-level ledgers and facts of their districts; staff,
//   health and morning-check records (personal data) stay with the canteen's managers: regulators see
//   their counts through /api/mingchu/oversight/grid.
migrate(
	(app) => {
		const timestamps = [
			{ type: "autodate", name: "created", onCreate: true, onUpdate: false },
			{ type: "autodate", name: "updated", onCreate: true, onUpdate: true },
		];
		const canteens = app.findCollectionByNameOrId("canteens");
		const users = app.findCollectionByNameOrId("users");

		const organisations = new Collection({
			type: "base",
			name: "organisations",
			fields: [{ type: "text", name: "name", required: true, max: 200 }, ...timestamps],
			listRule: `@request.auth.collectionName = "users" && @request.auth.organisations.id ?= id`,
			viewRule: `@request.auth.collectionName = "users" && @request.auth.organisations.id ?= id`,
			createRule: null,
			updateRule: null,
			deleteRule: null,
		});
		app.save(organisations);

		canteens.fields.add(new Field({ type: "text", name: "district", max: 6, pattern: "^(\\d{6})?$" }));
		canteens.fields.add(new Field({ type: "relation", name: "organisation", maxSelect: 1, collectionId: organisations.id }));
		canteens.addIndex("idx_canteens_district", false, "district", "");
		app.save(canteens);

		users.fields.add(new Field({ type: "select", name: "role", maxSelect: 1, values: ["manager", "org_admin", "regulator"] }));
		users.fields.add(new Field({ type: "relation", name: "organisations", maxSelect: 99, collectionId: organisations.id }));
		users.fields.add(new Field({ type: "text", name: "district", max: 6, pattern: "^(\\d{6})?$" }));
		users.fields.add(new Field({ type: "text", name: "district_scope", max: 7, pattern: "^(\\d{2,6}%)?$" }));
		users.fields.add(new Field({ type: "text", name: "phone", max: 30 }));
		// Nobody widens their own reach: role, canteens, organisations and district are the operator's.
		users.updateRule =
			"id = @request.auth.id && @request.body.canteens:isset = false && @request.body.organisations:isset = false" +
			" && @request.body.role:isset = false && @request.body.district:isset = false && @request.body.district_scope:isset = false";
		app.save(users);

		// "Administrator of the canteen" → also the administrators of the canteen's organisation. The
		// `!= ""` guards keep an organisation-less canteen from matching a user without organisations.
		const widen = (rule) =>
			rule &&
			rule.replace(/@request\.auth\.canteens\.id \?= ([@a-z_.]+)/g, (match, target) => {
				const organisation = target === "id" ? "organisation" : `${target}.organisation`;
				return `(${match} || (${organisation} != "" && @request.auth.organisations.id ?= ${organisation}))`;
			});
		for (const collection of app.findAllCollections()) {
			if (collection.system) continue;
			let changed = false;
			for (const key of ["listRule", "viewRule", "createRule", "updateRule", "deleteRule"]) {
				const before = collection[key];
				const after = widen(before);
				if (after !== before) {
					collection[key] = after;
					changed = true;
				}
			}
			if (changed) app.save(collection);
		}

		const regulates = (district) =>
			`(@request.auth.collectionName = "users" && @request.auth.role = "regulator" && @request.auth.district_scope != "" && ${district} ~ @request.auth.district_scope)`;
		const readable = [
			"cameras",
			"camera_alerts",
			"daily_digests",
			"food_samples",
			"sample_disposals",
			"meal_closures",
			"disinfections",
			"voids",
			"cold_readings",
			"waste_handovers",
			"additive_uses",
			"accompanied_meals",
			"self_inspections",
			"purchases",
			"suppliers",
			"waste_collectors",
			"inspection_templates",
		];
		for (const name of ["canteens", ...readable]) {
			const collection = app.findCollectionByNameOrId(name);
			const district = name === "canteens" ? "district" : "canteen.district";
			collection.listRule = `(${collection.listRule}) || ${regulates(district)}`;
			collection.viewRule = `(${collection.viewRule}) || ${regulates(district)}`;
			app.save(collection);
		}

		const manages = (c) =>
			`(@request.auth.collectionName = "users" && (@request.auth.canteens.id ?= ${c} || (${c}.organisation != "" && @request.auth.organisations.id ?= ${c}.organisation)))`;
		// 一类/二类 reach the district's regulator; 三类 is the canteen's own routine supervision.
		const alertReaders = `${manages("canteen")} || (grade <= 2 && ${regulates("canteen.district")})`;
		const alerts = new Collection({
			type: "base",
			name: "alerts",
			fields: [
				{ type: "relation", name: "canteen", required: true, maxSelect: 1, collectionId: canteens.id },
				// app/lib/domain/alerts.ts names the kinds and their default grades.
				{ type: "text", name: "kind", required: true, max: 60 },
				{ type: "number", name: "grade", required: true, onlyInt: true, min: 1, max: 3 },
				{ type: "select", name: "source", required: true, maxSelect: 1, values: ["ledger", "camera", "ai", "sensor", "inspection"] },
				// The record that raised it (collection and id), for the canteen's managers to open.
				{ type: "text", name: "record_collection", max: 50 },
				{ type: "text", name: "record_id", max: 15 },
				// What happened, without names: {code, params} the pages turn into words.
				{ type: "json", name: "summary", maxSize: 4000 },
				{ type: "date", name: "raised_at", required: true },
				{ type: "date", name: "due_at" },
				{ type: "select", name: "state", required: true, maxSelect: 1, values: ["open", "answered", "closed"] },
				{ type: "select", name: "card", maxSelect: 1, values: ["yellow", "red"] },
				// One event, one alert: devices and kiosks retry.
				{ type: "text", name: "dedupe_key", required: true, max: 200 },
				{ type: "relation", name: "camera", maxSelect: 1, collectionId: app.findCollectionByNameOrId("cameras").id },
				{ type: "file", name: "snapshot", maxSelect: 1, maxSize: 2 * 1024 * 1024, mimeTypes: ["image/jpeg", "image/png"], protected: true },
				...timestamps,
			],
			indexes: [
				"CREATE UNIQUE INDEX idx_alerts_dedupe ON alerts (dedupe_key)",
				"CREATE INDEX idx_alerts_canteen ON alerts (canteen, state, raised_at)",
			],
			listRule: alertReaders,
			viewRule: alertReaders,
			// Raised by the server only; answered, reviewed and escalated through /api/mingchu/alerts/….
			createRule: null,
			updateRule: null,
			deleteRule: null,
		});
		app.save(alerts);

		const stepReaders = `${manages("canteen")} || (alert.grade <= 2 && ${regulates("canteen.district")})`;
		const steps = new Collection({
			type: "base",
			name: "alert_steps",
			fields: [
				{ type: "relation", name: "alert", required: true, maxSelect: 1, collectionId: alerts.id },
				{ type: "relation", name: "canteen", required: true, maxSelect: 1, collectionId: canteens.id },
				{ type: "select", name: "action", required: true, maxSelect: 1, values: ["raised", "answered", "accepted", "reopened", "yellow_card", "red_card"] },
				{ type: "text", name: "by_name", max: 200 },
				{ type: "text", name: "by_id", max: 15 },
				{ type: "text", name: "note", max: 2000 },
				// Who carried out the rectification (the manager's answer).
				{ type: "text", name: "done_by", max: 100 },
				{ type: "file", name: "photo", maxSelect: 1, maxSize: 5 * 1024 * 1024, mimeTypes: ["image/jpeg", "image/png", "image/webp"], protected: true },
				{ type: "date", name: "at", required: true },
				...timestamps,
			],
			indexes: ["CREATE INDEX idx_alert_steps_alert ON alert_steps (alert, at)"],
			listRule: stepReaders,
			viewRule: stepReaders,
			createRule: null,
			updateRule: null,
			deleteRule: null,
		});
		app.save(steps);

		// The grid counts ledger records per canteen and day; these make that an index lookup.
		for (const name of ["food_samples", "disinfections", "cold_readings", "waste_handovers", "accompanied_meals", "self_inspections", "purchases", "additive_uses"]) {
			const collection = app.findCollectionByNameOrId(name);
			if (!collection.indexes.some((index) => /\(canteen, date\)/.test(index))) {
				collection.addIndex(`idx_${name}_canteen_date`, false, "canteen, date", "");
				app.save(collection);
			}
		}
	},
	(app) => {
		for (const name of ["alert_steps", "alerts"]) app.delete(app.findCollectionByNameOrId(name));
		// Rules back to "the canteen's own administrators", without organisations or regulators.
		const regulator = / \|\| \(@request\.auth\.collectionName = "users" && @request\.auth\.role = "regulator" && @request\.auth\.district_scope != "" && [a-z_.]+ ~ @request\.auth\.district_scope\)$/;
		const organisation = /\((@request\.auth\.canteens\.id \?= [@a-z_.]+) \|\| \([@a-z_.]+ != "" && @request\.auth\.organisations\.id \?= [@a-z_.]+\)\)/g;
		for (const collection of app.findAllCollections()) {
			if (collection.system) continue;
			let changed = false;
			for (const key of ["listRule", "viewRule", "createRule", "updateRule", "deleteRule"]) {
				let rule = collection[key];
				if (!rule) continue;
				if (regulator.test(rule)) rule = rule.replace(regulator, "").replace(/^\((.*)\)$/, "$1");
				rule = rule.replace(organisation, "$1");
				if (rule !== collection[key]) {
					collection[key] = rule;
					changed = true;
				}
			}
			if (changed) app.save(collection);
		}
		for (const name of ["food_samples", "disinfections", "cold_readings", "waste_handovers", "accompanied_meals", "self_inspections", "purchases", "additive_uses"]) {
			const collection = app.findCollectionByNameOrId(name);
			collection.removeIndex(`idx_${name}_canteen_date`);
			app.save(collection);
		}
		const canteens = app.findCollectionByNameOrId("canteens");
		canteens.removeIndex("idx_canteens_district");
		canteens.fields.removeByName("district");
		canteens.fields.removeByName("organisation");
		app.save(canteens);
		const users = app.findCollectionByNameOrId("users");
		for (const name of ["role", "organisations", "district", "district_scope", "phone"]) users.fields.removeByName(name);
		users.updateRule = "id = @request.auth.id && @request.body.canteens:isset = false";
		app.save(users);
		app.delete(app.findCollectionByNameOrId("organisations"));
	},
);
