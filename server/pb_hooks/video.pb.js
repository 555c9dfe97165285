/// <reference path="../pb_data/types.d.ts" />

// Cameras → MediaMTX, MediaMTX → PocketBase (authentication) and camera health (pb_hooks/lib/video.js);
// what the public page shows of them is public.pb.js's.

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

/** Runs the camera health check now (it runs every minute anyway); {now?}: the clock that decides what expired. */
routerAdd(
	"POST",
	"/api/mingchu/video/health",
	(e) => {
		const body = e.requestInfo().body || {};
		const clock = body.now ? new Date(String(body.now)) : null;
		if (clock && isNaN(clock.getTime())) throw new BadRequestError("now: an ISO instant");
		return e.json(200, require(`${__hooks}/lib/video.js`).checkHealth(e.app, clock));
	},
	$apis.requireSuperuserAuth(),
);

/** What forwarding every marked camera costs against the canteen's uplink budget. */
routerAdd("GET", "/api/mingchu/video/uplink", (e) => require(`${__hooks}/lib/video.js`).uplinkRoute(e), $apis.requireAuth("users", "_superusers"));

/** The province watches a camera forwarded on demand (lib/video.js watchRoute). */
routerAdd("POST", "/api/mingchu/video/upstream/{camera}/watch", (e) => require(`${__hooks}/lib/video.js`).watchRoute(e));

cronAdd("mingchu_camera_health", "* * * * *", () => {
	require(`${__hooks}/lib/video.js`).checkHealth($app);
});
