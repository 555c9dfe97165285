/// <reference path="../pb_data/types.d.ts" />

// Tenants, administrators, enrolled kiosks, staff and the morning-check ledger.
// API rules: an administrator sees only the canteens assigned to them, a kiosk only its own canteen;
// nothing is public. A null rule means "superusers only" and is always deliberate here.
migrate(
	(app) => {
		const adminOf = (field) => `(@request.auth.collectionName = "users" && @request.auth.canteens.id ?= ${field})`;
		const deviceOf = (field) => `(@request.auth.collectionName = "devices" && @request.auth.canteen = ${field})`;
		const timestamps = [
			{ type: "autodate", name: "created", onCreate: true, onUpdate: false },
			{ type: "autodate", name: "updated", onCreate: true, onUpdate: true },
		];
		const localDate = { type: "text", pattern: "^\\d{4}-\\d{2}-\\d{2}$", max: 10 };

		const canteens = new Collection({
			type: "base",
			name: "canteens",
			fields: [
				{ type: "text", name: "name", required: true, max: 200 },
				{
					type: "select",
					name: "type",
					required: true,
					maxSelect: 1,
					values: ["school", "kindergarten", "elderly_care", "hospital", "central_kitchen", "group_meal", "restaurant"],
				},
				{ type: "text", name: "licence_number", max: 100 },
				{ type: "text", name: "address", max: 300 },
				// Overrides of the rule-book defaults (app/lib/domain/settings.ts), checked by the hooks.
				{ type: "json", name: "settings", maxSize: 20000 },
				...timestamps,
			],
			listRule: `${adminOf("id")} || ${deviceOf("id")}`,
			viewRule: `${adminOf("id")} || ${deviceOf("id")}`,
			createRule: null,
			updateRule: null,
			deleteRule: null,
		});
		app.save(canteens);

		const users = app.findCollectionByNameOrId("users");
		users.fields.add(new RelationField({ name: "canteens", collectionId: canteens.id, maxSelect: 999 }));
		// Administrators are created by an operator, never by self sign-up.
		users.createRule = null;
		users.listRule = "id = @request.auth.id";
		users.viewRule = "id = @request.auth.id";
		users.updateRule = "id = @request.auth.id && @request.body.canteens:isset = false";
		users.deleteRule = null;
		app.save(users);

		const devices = new Collection({
			type: "auth",
			name: "devices",
			fields: [
				{ type: "text", name: "name", required: true, max: 100 },
				{ type: "relation", name: "canteen", required: true, maxSelect: 1, collectionId: canteens.id },
				{ type: "bool", name: "active" },
				{ type: "text", name: "enrol_code_hash", hidden: true, max: 64 },
				{ type: "date", name: "enrol_expires", hidden: true },
				{ type: "date", name: "enrolled_at" },
				...timestamps,
			],
			// Devices are created through /api/mingchu/devices, which issues the one-time enrolment code.
			listRule: `${adminOf("canteen")} || id = @request.auth.id`,
			viewRule: `${adminOf("canteen")} || id = @request.auth.id`,
			createRule: null,
			updateRule: null,
			deleteRule: adminOf("canteen"),
			authRule: "active = true",
			passwordAuth: { enabled: true, identityFields: ["email"] },
			// A kiosk keeps its secret and signs in again when a token has expired, so tokens can be short.
			authToken: { duration: 7 * 24 * 3600 },
		});
		app.save(devices);

		const staff = new Collection({
			type: "base",
			name: "staff",
			fields: [
				{ type: "relation", name: "canteen", required: true, maxSelect: 1, collectionId: canteens.id },
				{ type: "text", name: "name", required: true, max: 50 },
				{ type: "text", name: "role", max: 50 },
				{ type: "bool", name: "food_contact" },
				{ type: "bool", name: "active" },
				{ type: "text", name: "certificate_number", max: 100 },
				{ ...localDate, name: "certificate_issued" },
				{ ...localDate, name: "certificate_expires" },
				{ type: "text", name: "pin_hash", hidden: true, max: 128 },
				...timestamps,
			],
			indexes: ["CREATE INDEX idx_staff_canteen ON staff (canteen)"],
			listRule: `${adminOf("canteen")} || ${deviceOf("canteen")}`,
			viewRule: `${adminOf("canteen")} || ${deviceOf("canteen")}`,
			createRule: adminOf("canteen"),
			updateRule: `${adminOf("canteen")} && (@request.body.canteen:isset = false || @request.auth.canteens.id ?= @request.body.canteen)`,
			deleteRule: adminOf("canteen"),
		});
		app.save(staff);

		const morningChecks = new Collection({
			type: "base",
			name: "morning_checks",
			fields: [
				{ type: "relation", name: "canteen", required: true, maxSelect: 1, collectionId: canteens.id },
				{ type: "relation", name: "device", required: true, maxSelect: 1, collectionId: devices.id },
				// Not a relation: a check must stay readable after the staff member has left.
				{ type: "text", name: "staff", required: true, max: 15 },
				{ type: "text", name: "staff_name", max: 50 },
				{ ...localDate, name: "date", required: true },
				{ type: "date", name: "checked_at", required: true },
				{ type: "number", name: "temperature", required: true },
				{ type: "json", name: "symptoms", maxSize: 2000 },
				{ type: "bool", name: "hands_ok" },
				{ type: "bool", name: "attire_ok" },
				{ type: "bool", name: "jewellery_nails_ok" },
				{ type: "text", name: "correction", max: 500 },
				{ type: "text", name: "checked_by", required: true, max: 50 },
				{ type: "select", name: "outcome", maxSelect: 1, values: ["fit", "fit_with_warnings", "excluded"] },
				{ type: "json", name: "findings", maxSize: 5000 },
				...timestamps,
			],
			indexes: ["CREATE INDEX idx_morning_checks_day ON morning_checks (canteen, date)"],
			listRule: `${adminOf("canteen")} || ${deviceOf("canteen")}`,
			viewRule: `${adminOf("canteen")} || ${deviceOf("canteen")}`,
			createRule: `@request.auth.collectionName = "devices" && @request.auth.canteen = canteen && device = @request.auth.id`,
			// Ledger records are immutable: corrections are new records (see issue 3).
			updateRule: null,
			deleteRule: null,
		});
		app.save(morningChecks);

		const settings = app.settings();
		settings.meta.appName = "明厨 Mingchu";
		// Kiosks upload through /api/mingchu/sync/morning_checks (pb_hooks); the generic batch API
		// is not needed and stays off.
		settings.batch.enabled = false;
		app.save(settings);
	},
	(app) => {
		for (const name of ["morning_checks", "staff", "devices"]) {
			app.delete(app.findCollectionByNameOrId(name));
		}
		const users = app.findCollectionByNameOrId("users");
		users.fields.removeByName("canteens");
		app.save(users);
		app.delete(app.findCollectionByNameOrId("canteens"));
	},
);
