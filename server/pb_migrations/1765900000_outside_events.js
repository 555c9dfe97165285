/// <reference path="../pb_data/types.d.ts" />

// Events from outside (issue 13): AI cameras / AI boxes and temperature-sensor gateways post to
// /api/mingchu/events/… with a token an administrator creates for them (shown once, kept as a hash,
// revocable). Sensor readings are kept apart from the kiosks' chained cold-storage ledger: a gateway has
// no chain, so its readings are marked as a sensor's, never passed off as a cook's.
migrate(
	(app) => {
		const canteens = app.findCollectionByNameOrId("canteens");
		const cameras = app.findCollectionByNameOrId("cameras");
		const manages = (c) =>
			`(@request.auth.collectionName = "users" && (@request.auth.canteens.id ?= ${c} || (${c}.organisation != "" && @request.auth.organisations.id ?= ${c}.organisation)))`;
		const timestamps = [
			{ type: "autodate", name: "created", onCreate: true, onUpdate: false },
			{ type: "autodate", name: "updated", onCreate: true, onUpdate: true },
		];

		const devices = new Collection({
			type: "base",
			name: "event_devices",
			fields: [
				{ type: "relation", name: "canteen", required: true, maxSelect: 1, collectionId: canteens.id },
				{ type: "text", name: "name", required: true, max: 100 },
				{ type: "select", name: "kind", required: true, maxSelect: 1, values: ["ai_camera", "sensor_gateway"] },
				// SHA-256 of the token's random part; the token itself is shown once when made.
				{ type: "text", name: "token_hash", hidden: true, max: 64 },
				{ type: "text", name: "token_hint", max: 12 },
				{ type: "bool", name: "active" },
				// Where an event that names no camera happened.
				{ type: "relation", name: "camera", maxSelect: 1, collectionId: cameras.id },
				{ type: "date", name: "last_seen_at" },
				{ type: "number", name: "accepted", onlyInt: true },
				{ type: "number", name: "refused", onlyInt: true },
				...timestamps,
			],
			listRule: manages("canteen"),
			viewRule: manages("canteen"),
			// Made and revoked through /api/mingchu/event-devices (the token is issued there).
			createRule: null,
			updateRule: null,
			deleteRule: null,
		});
		app.save(devices);

		const regulates = `(@request.auth.collectionName = "users" && @request.auth.role = "regulator" && @request.auth.district_scope != "" && canteen.district ~ @request.auth.district_scope)`;
		const readings = new Collection({
			type: "base",
			name: "sensor_readings",
			fields: [
				{ type: "relation", name: "canteen", required: true, maxSelect: 1, collectionId: canteens.id },
				{ type: "relation", name: "gateway", required: true, maxSelect: 1, collectionId: devices.id },
				// The sensor's own id at the gateway, and the unit it sits in (冷藏柜 1, 留样柜…).
				{ type: "text", name: "sensor", required: true, max: 100 },
				{ type: "text", name: "unit", max: 100 },
				{ type: "select", name: "kind", required: true, maxSelect: 1, values: ["refrigerator", "freezer", "sample_fridge", "disinfection_cabinet"] },
				{ type: "number", name: "temperature_c", required: true },
				{ type: "date", name: "read_at", required: true },
				{ type: "text", name: "date", required: true, pattern: "^\\d{4}-\\d{2}-\\d{2}$", max: 10 },
				{ type: "json", name: "findings", maxSize: 2000 },
				...timestamps,
			],
			indexes: [
				"CREATE UNIQUE INDEX idx_sensor_readings_once ON sensor_readings (gateway, sensor, read_at)",
				"CREATE INDEX idx_sensor_readings_day ON sensor_readings (canteen, date)",
			],
			listRule: `${manages("canteen")} || ${regulates}`,
			viewRule: `${manages("canteen")} || ${regulates}`,
			createRule: null,
			updateRule: null,
			deleteRule: null,
		});
		app.save(readings);

		// Devices retry and a canteen's boxes share one address: their own, wider limit.
		const settings = app.settings();
		const rules = settings.rateLimits.rules.filter((rule) => rule.label !== "/api/mingchu/events/");
		rules.unshift({ label: "/api/mingchu/events/", audience: "", duration: 10, maxRequests: 600 });
		settings.rateLimits.rules = rules;
		app.save(settings);
	},
	(app) => {
		for (const name of ["sensor_readings", "event_devices"]) app.delete(app.findCollectionByNameOrId(name));
	},
);
