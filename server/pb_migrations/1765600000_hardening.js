/// <reference path="../pb_data/types.d.ts" />

// Hardening (issue 14): secrets out of reach of every API rule, filter and sort; PIN verifiers hidden;
// who changed a health certificate; PocketBase's rate limiter on; daily backups.
migrate(
	(app) => {
		const adminOf = (field) => `(@request.auth.collectionName = "users" && @request.auth.canteens.id ?= ${field})`;

		// The NVR's and the province's addresses were hidden from answers but not from filters
		// (`rtsp_url ~ "rtsp://admin:S%"` told the password one character at a time). Hidden fields are
		// left out of answers, filters and sorts for everyone but superusers; the API names `rtsp_url` and
		// `upstream_url` stay what the administrator's form sends (pb_hooks/lib/video.js copies them in).
		const cameras = app.findCollectionByNameOrId("cameras");
		cameras.fields.add(new Field({ type: "text", name: "nvr_address", hidden: true, max: 500, pattern: "^(rtsps?://.*)?$" }));
		cameras.fields.add(new Field({ type: "text", name: "upstream_address", hidden: true, max: 500, pattern: "^((rtmps?|rtsps?)://.*)?$" }));
		app.save(cameras);
		app.db().newQuery("UPDATE cameras SET nvr_address = rtsp_url, upstream_address = upstream_url").execute();
		cameras.fields.removeByName("rtsp_url");
		cameras.fields.removeByName("upstream_url");
		app.save(cameras);

		// PIN verifiers: never in an answer, a filter or a sort; kiosks get them from their own route, and
		// administrators see only whether a PIN is set.
		const staff = app.findCollectionByNameOrId("staff");
		const pin = staff.fields.getByName("pin_hash");
		pin.hidden = true;
		pin.max = 200;
		pin.pattern = "^([0-9a-f]{64}|pbkdf2-sha256\\$\\d{6,7}\\$[0-9a-f]{32}\\$[0-9a-f]{64})?$";
		staff.fields.add(new Field({ type: "bool", name: "has_pin" }));
		// People are marked as left, never deleted (their checks and certificate history stay readable).
		staff.deleteRule = null;
		app.save(staff);
		app.db().newQuery("UPDATE staff SET has_pin = (pin_hash != '')").execute();

		// A kiosk may add and edit staff (issue 3), so the certificate fields that decide the morning check's
		// verdict can change on a tablet: every such change is kept with who made it, for the administrator.
		const canteens = app.findCollectionByNameOrId("canteens");
		const changes = new Collection({
			type: "base",
			name: "staff_changes",
			fields: [
				{ type: "relation", name: "canteen", required: true, maxSelect: 1, collectionId: canteens.id },
				{ type: "relation", name: "staff", required: true, maxSelect: 1, collectionId: staff.id, cascadeDelete: true },
				// Who: an administrator (users) or a kiosk (devices), by name as it was then.
				{ type: "text", name: "by_collection", max: 20 },
				{ type: "text", name: "by_id", max: 15 },
				{ type: "text", name: "by_name", max: 200 },
				// {field: [before, after]} of certificate_number/issued/expires and food_contact.
				{ type: "json", name: "changes", maxSize: 4000 },
				{ type: "autodate", name: "created", onCreate: true, onUpdate: false },
			],
			indexes: ["CREATE INDEX idx_staff_changes_staff ON staff_changes (canteen, staff, created)"],
			listRule: adminOf("canteen"),
			viewRule: adminOf("canteen"),
			createRule: null,
			updateRule: null,
			deleteRule: null,
		});
		app.save(changes);

		const settings = app.settings();
		// Doors a stranger can knock on (README, security). Counted per client address. `/api/` is the
		// fallback for every other route; the video decision route is MediaMTX's alone (it holds a secret),
		// and every viewer's request passes through it, so it is not held to the browsers' limit.
		settings.rateLimits.enabled = true;
		settings.rateLimits.rules = [
			{ label: "*:auth", audience: "", duration: 60, maxRequests: 10 },
			{ label: "POST /api/mingchu/enrol", audience: "", duration: 60, maxRequests: 5 },
			{ label: "/api/mingchu/public/", audience: "", duration: 60, maxRequests: 120 },
			{ label: "/api/mingchu/sync/", audience: "", duration: 10, maxRequests: 100 },
			{ label: "POST /api/mingchu/video/auth", audience: "", duration: 1, maxRequests: 500 },
			{ label: "*:create", audience: "", duration: 10, maxRequests: 60 },
			{ label: "/api/", audience: "", duration: 10, maxRequests: 300 },
		];
		// Daily at 03:30 server time, the last 14 kept, photos included (pb_data/storage is in the archive).
		settings.backups.cron = "30 3 * * *";
		settings.backups.cronMaxKeep = 14;
		app.save(settings);
	},
	(app) => {
		const settings = app.settings();
		settings.rateLimits.enabled = false;
		settings.backups.cron = "";
		app.save(settings);
		app.delete(app.findCollectionByNameOrId("staff_changes"));
		const staff = app.findCollectionByNameOrId("staff");
		staff.fields.removeByName("has_pin");
		staff.fields.getByName("pin_hash").hidden = false;
		app.save(staff);
		const cameras = app.findCollectionByNameOrId("cameras");
		cameras.fields.add(new Field({ type: "text", name: "rtsp_url", max: 500 }));
		cameras.fields.add(new Field({ type: "text", name: "upstream_url", max: 500 }));
		app.save(cameras);
		app.db().newQuery("UPDATE cameras SET rtsp_url = nvr_address, upstream_url = upstream_address").execute();
		cameras.fields.removeByName("nvr_address");
		cameras.fields.removeByName("upstream_address");
		app.save(cameras);
	},
);
