/// <reference path="../pb_data/types.d.ts" />

// Cameras → MediaMTX, MediaMTX → PocketBase (authentication), camera health, and what the dining-room
// display and the public page may show (pb_hooks/lib/video.js).

// The NVR's and the province's addresses carry passwords and keys: they are hidden fields
// (nvr_address, upstream_address), left out of every answer, realtime event, filter and sort for
// everyone but the operator (a superuser, who holds the database anyway).

// Addresses are checked with the same rules as the administrator's form, with reasons in both languages.
onRecordCreateRequest((e) => require(`${__hooks}/lib/video.js`).validateRequest(e), "cameras");
onRecordUpdateRequest((e) => require(`${__hooks}/lib/video.js`).validateRequest(e), "cameras");

onRecordAfterCreateSuccess((e) => {
	require(`${__hooks}/lib/video.js`).applyCamera(e.app, e.record);
	e.next();
}, "cameras");

onRecordAfterUpdateSuccess((e) => {
	const video = require(`${__hooks}/lib/video.js`);
	if (video.streamChanged(e.record)) video.applyCamera(e.app, e.record);
	e.next();
}, "cameras");

onRecordAfterDeleteSuccess((e) => {
	require(`${__hooks}/lib/video.js`).removeCamera(e.record.id);
	e.next();
}, "cameras");

// A changed retention setting reaches every camera of the canteen.
onRecordAfterUpdateSuccess((e) => {
	const video = require(`${__hooks}/lib/video.js`);
	if (String(e.record.original().get("settings")) !== String(e.record.get("settings"))) {
		for (const camera of e.app.findRecordsByFilter("cameras", "canteen = {:canteen}", "", 0, 0, { canteen: e.record.id })) {
			video.applyCamera(e.app, camera);
		}
	}
	e.next();
}, "canteens");

/**
 * MediaMTX asks here before every read, publish, playback and API call (authMethod: http), with the
 * server's video secret (authHTTPAddress, server/video.mjs); anyone else gets no answer to learn from.
 */
routerAdd("POST", "/api/mingchu/video/auth", (e) => {
	const video = require(`${__hooks}/lib/video.js`);
	if (!video.fromMediaMTX(e)) return e.json(401, { message: "not allowed" });
	const request = e.requestInfo().body || {};
	const allowed = video.authorise(e.app, {
		ip: String(request.ip || ""),
		user: String(request.user || ""),
		password: String(request.password || ""),
		token: String(request.token || ""),
		action: String(request.action || ""),
		path: String(request.path || ""),
		protocol: String(request.protocol || ""),
		query: String(request.query || ""),
	});
	return allowed ? e.noContent(204) : e.json(401, { message: "not allowed" });
});

/** A short-lived ticket for one camera and one action (playback addresses carry it instead of a sign-in). */
routerAdd("POST", "/api/mingchu/video/tickets", (e) => require(`${__hooks}/lib/video.js`).ticketRoute(e), $apis.requireAuth("users", "devices"));

/** At start (server/start.mjs) and for operators: MediaMTX gets exactly PocketBase's cameras. */
routerAdd(
	"POST",
	"/api/mingchu/video/reconcile",
	(e) => e.json(200, require(`${__hooks}/lib/video.js`).reconcile(e.app)),
	$apis.requireSuperuserAuth(),
);

/** Runs the camera health check now (it runs every minute anyway). */
routerAdd(
	"POST",
	"/api/mingchu/video/health",
	(e) => e.json(200, require(`${__hooks}/lib/video.js`).checkHealth(e.app)),
	$apis.requireSuperuserAuth(),
);

cronAdd("mingchu_camera_health", "* * * * *", () => {
	require(`${__hooks}/lib/video.js`).checkHealth($app);
});

/**
 * GET /api/mingchu/public/canteens/{id}: what diners and the public may see, without personal data:
 * the canteen's name, licence, grade, today's ledger status as counts, its public cameras, and where
 * the browser reaches the video server.
 */
routerAdd("GET", "/api/mingchu/public/canteens/{id}", (e) => {
	const rules = require(`${__hooks}/lib/domain.cjs`);
	const video = require(`${__hooks}/lib/video.js`);
	let canteen;
	try {
		canteen = e.app.findRecordById("canteens", e.request.pathValue("id"));
	} catch (_) {
		throw new NotFoundError();
	}
	const settings = require(`${__hooks}/lib/canteen.js`).settingsOf(canteen);
	const today = rules.localDateOf(new Date(), settings.utcOffsetMinutes);
	const staff = e.app.findRecordsByFilter("staff", "canteen = {:canteen} && active = true", "", 0, 0, { canteen: canteen.id });
	const checks = e.app.findRecordsByFilter("morning_checks", "canteen = {:canteen} && date = {:today}", "", 0, 0, { canteen: canteen.id, today });
	const checked = {};
	for (const check of checks) checked[check.getString("staff")] = true;
	const cameras = e.app.findRecordsByFilter("cameras", "canteen = {:canteen} && public = true", "name", 0, 0, { canteen: canteen.id });
	return e.json(200, {
		id: canteen.id,
		name: canteen.getString("name"),
		type: canteen.getString("type"),
		licence_number: canteen.getString("licence_number"),
		grade: canteen.getString("grade"),
		today,
		ledgers: {
			morning_checks: { done: staff.filter((person) => checked[person.id]).length, expected: staff.length },
		},
		cameras: cameras.map((camera) => ({
			id: camera.id,
			name: camera.getString("name"),
			area: camera.getString("area"),
			path: video.pathName(camera.id),
			online: camera.getBool("online"),
		})),
		video: video.endpoints(),
	});
});
