// PocketBase drives the bundled MediaMTX: each camera is a MediaMTX path `c_<camera id>` added, changed
// and removed through MediaMTX's Control API (no restart), and MediaMTX asks PocketBase who may read,
// publish or call its API. Settings come from the environment the start command gives PocketBase
// (server/video.mjs videoEnv); without MINGCHU_MEDIAMTX_API (tests without video) nothing is sent.
const rules = require(`${__hooks}/lib/domain.cjs`);
const { parseJson, settingsOf } = require(`${__hooks}/lib/canteen.js`);

function env(name) {
	return $os.getenv(name) || "";
}

function enabled() {
	return env("MINGCHU_MEDIAMTX_API") !== "";
}

function pathName(cameraId) {
	return `c_${cameraId}`;
}

/** The NVR's sub-stream, pulled only while forwarded (never recorded, never shown). */
function subPathName(cameraId) {
	return `c_${cameraId}_sub`;
}

/** Minutes forwarding on demand goes on after the province's last request (MINGCHU_UPSTREAM_LINGER_MINUTES). */
function lingerMinutes() {
	return Number(env("MINGCHU_UPSTREAM_LINGER_MINUTES")) || 5;
}

/** Whether the camera is forwarded now: marked, and either all the time or while the province watches. */
function forwardingWanted(camera, now) {
	if (!camera.getBool("upstream") || !camera.getString("upstream_address")) return false;
	if (camera.getString("upstream_mode") !== "on_demand") return true;
	const until = camera.getDateTime("upstream_until");
	return !until.isZero() && until.unix() * 1000 > now.getTime();
}

function retentionSeconds(canteen) {
	// Tests shrink it to seconds to see recordings deleted; in use it is the canteen's setting (≥ 7 days).
	const override = Number(env("MINGCHU_VIDEO_RETENTION_SECONDS"));
	if (override > 0) return override;
	return rules.videoRetentionDays(settingsOf(canteen)) * 24 * 3600;
}

/** The MediaMTX path for a camera (rules.cameraPathConf, shared with the edge box). */
function pathConf(app, camera, now) {
	const canteen = app.findRecordById("canteens", camera.getString("canteen"));
	// The forwarder reads with the forwarder's secret (see authorise), from the sub-stream's path when the
	// NVR has one (less upload), else from this path.
	const source = camera.getString("sub_address") ? subPathName(camera.id) : "$MTX_PATH";
	return rules.cameraPathConf({
		source: camera.getString("nvr_address"),
		onDemand: camera.getBool("on_demand"),
		retentionSeconds: retentionSeconds(canteen),
		forward: forwardingWanted(camera, now || new Date())
			? {
					input: `rtsp://forwarder:${env("MINGCHU_VIDEO_SECRET")}@127.0.0.1:${env("MINGCHU_MEDIAMTX_RTSP_PORT")}/${source}`,
					upstream: camera.getString("upstream_address"),
					ffmpeg: env("MINGCHU_FFMPEG") || "ffmpeg",
				}
			: null,
	});
}

/** The Control API answers only PocketBase: MediaMTX asks authorise() below, which wants this credential. */
function api(method, path, body) {
	const base = env("MINGCHU_MEDIAMTX_API").replace("://", `://pocketbase:${encodeURIComponent(env("MINGCHU_VIDEO_SECRET"))}@`);
	const response = $http.send({
		url: `${base}${path}`,
		method,
		body: body === undefined ? "" : JSON.stringify(body),
		headers: { "content-type": "application/json" },
		timeout: 10,
	});
	if (response.statusCode >= 300) {
		throw new Error(`MediaMTX ${method} ${path}: ${response.statusCode} ${toString(response.body)}`);
	}
	return response.json;
}

function putPath(name, conf) {
	try {
		api("POST", `/v3/config/paths/replace/${name}`, conf);
	} catch (_) {
		api("POST", `/v3/config/paths/add/${name}`, conf);
	}
}

function deletePath(name) {
	try {
		api("DELETE", `/v3/config/paths/delete/${name}`);
	} catch (_) {
		// Already gone.
	}
}

/** The canteen's enrolled, active edge box (lib/edge.js), if it has one: its cameras stay in the kitchen. */
function edgeOf(app, canteenId) {
	const found = app.findRecordsByFilter("edges", "canteen = {:canteen} && active = true && enrolled_at != ''", "-enrolled_at", 1, 0, { canteen: canteenId });
	return found.length ? found[0] : null;
}

/** Adds or replaces a camera's path (and its sub-stream's); MediaMTX restarts only that path's source. */
function applyCamera(app, camera, now) {
	if (!enabled()) return;
	// A school with an edge box pulls and records its cameras there; this server's MediaMTX leaves them.
	if (edgeOf(app, camera.getString("canteen"))) {
		removeCamera(camera.id);
		return;
	}
	const sub = camera.getString("sub_address");
	// The sub-stream's path first: the forwarder of the main path reads it.
	if (sub) putPath(subPathName(camera.id), rules.subStreamPathConf(sub));
	else deletePath(subPathName(camera.id));
	putPath(pathName(camera.id), pathConf(app, camera, now));
}

function removeCamera(cameraId) {
	if (!enabled()) return;
	deletePath(pathName(cameraId));
	deletePath(subPathName(cameraId));
}

/** The fields that change what MediaMTX does; renaming a camera must not interrupt its stream. */
const STREAM_FIELDS = ["nvr_address", "on_demand", "upstream", "upstream_address", "sub_address", "upstream_mode", "upstream_until"];

function streamChanged(record) {
	const original = record.original();
	return STREAM_FIELDS.some((field) => String(original.get(field)) !== String(record.get(field)));
}

/** At start: MediaMTX holds exactly the cameras PocketBase has. */
function reconcile(app) {
	if (!enabled()) return { applied: 0, removed: 0 };
	const cameras = app.findAllRecords("cameras");
	const wanted = {};
	for (const camera of cameras) {
		if (edgeOf(app, camera.getString("canteen"))) continue;
		wanted[pathName(camera.id)] = true;
		if (camera.getString("sub_address")) wanted[subPathName(camera.id)] = true;
		applyCamera(app, camera);
	}
	let removed = 0;
	const configured = api("GET", "/v3/config/paths/list?itemsPerPage=1000");
	for (const item of (configured && configured.items) || []) {
		if (item.name.startsWith("c_") && !wanted[item.name]) {
			deletePath(item.name);
			removed += 1;
		}
	}
	return { applied: cameras.length, removed };
}

function isLocal(ip) {
	return ip === "127.0.0.1" || ip === "::1";
}

/** The server's video secret (server/video.mjs); without one, nothing that needs it is allowed. */
function secretIs(value) {
	const secret = env("MINGCHU_VIDEO_SECRET");
	return secret !== "" && $security.equal(String(value || ""), secret);
}

/** The signing key of playback tickets: derived from the video secret, so a ticket is nothing else. */
function ticketKey() {
	return $security.hs256("mingchu-video-ticket", env("MINGCHU_VIDEO_SECRET"));
}

const TICKET_SECONDS = { read: 60, playback: 600 };

/**
 * A short-lived token for one camera path and one action, for addresses that carry it in the URL (a
 * <video> element cannot send headers): a copied or logged address opens that recording for minutes,
 * not the administrator's whole account for days.
 */
function issueTicket({ path, action }) {
	const seconds = TICKET_SECONDS[action];
	return { token: $security.createJWT({ kind: "video", path, action }, ticketKey(), seconds), expires_in: seconds };
}

function ticketAllows(token, request) {
	if (!token || env("MINGCHU_VIDEO_SECRET") === "") return false;
	try {
		const claims = $security.parseJWT(token, ticketKey());
		return claims.kind === "video" && claims.path === request.path && claims.action === request.action;
	} catch (_) {
		return false;
	}
}

/** Whether an administrator or tablet (a PocketBase auth record) may see this camera's canteen. */
function mayWatch(who, camera) {
	const canteen = camera.getString("canteen");
	if (who.collection().name === "users") {
		const access = require(`${__hooks}/lib/access.js`);
		const record = $app.findRecordById("canteens", canteen);
		return access.manages(who, record) || access.oversees(who, record);
	}
	if (who.collection().name === "devices") return who.getBool("active") && who.getString("canteen") === canteen;
	return false;
}

function queryToken(query) {
	const match = /(?:^|&)token=([^&]*)/.exec(query || "");
	return match ? decodeURIComponent(match[1]) : "";
}

function cameraOfPath(app, path) {
	const match = /^c_([a-z0-9]{15})$/.exec(path || "");
	if (!match) return null;
	try {
		return app.findRecordById("cameras", match[1]);
	} catch (_) {
		return null;
	}
}

/**
 * MediaMTX's HTTP authentication. Anyone may watch a public camera live (WebRTC, HLS); everything else
 * needs a token of an administrator of that canteen or of one of its enrolled tablets; publishing and
 * the Control API are for this machine only; the upstream forwarder reads with the server's secret.
 */
function authorise(app, request) {
	const local = isLocal(request.ip);
	switch (request.action) {
		case "api":
		case "metrics":
		case "pprof":
			// PocketBase's own calls (lib/video.js api()): this machine and the server's secret.
			return local && request.user === "pocketbase" && secretIs(request.password);
		case "publish":
			return local;
		case "read":
		case "playback": {
			if (request.user === "forwarder" && local && secretIs(request.password)) return true;
			const camera = cameraOfPath(app, request.path);
			return camera ? readAllowed(app, camera, request) : false;
		}
		default:
			return false;
	}
}

/** Whether a viewer may read or play back this camera (asked by this server's MediaMTX, or by an edge box's). */
function readAllowed(app, camera, request) {
	if (request.action === "read" && camera.getBool("public") && (request.protocol === "webrtc" || request.protocol === "hls")) {
		return true;
	}
	// A ticket (issueTicket) for exactly this path and action, in the address or the header.
	if (ticketAllows(request.token || queryToken(request.query), request)) return true;
	// An administrator's or tablet's own token only in the Authorization header (live view), never
	// in an address, where it would end up in logs and browser history.
	if (!request.token) return false;
	let who;
	try {
		who = app.findAuthRecordByToken(request.token, "auth");
	} catch (_) {
		return false;
	}
	return mayWatch(who, camera);
}

/**
 * Rule 35: records each camera's state from MediaMTX and opens an alert when a camera has had no
 * stream for longer than the canteen's setting; closes it when the stream is back. Cameras pulled on
 * demand are idle without viewers, so their state says nothing and is not judged.
 */
function checkHealth(app, clock) {
	if (!enabled()) return { cameras: 0 };
	const runtime = {};
	const listed = api("GET", "/v3/paths/list?itemsPerPage=1000");
	for (const item of (listed && listed.items) || []) runtime[item.name] = item;
	// Bitrates are measured on the real clock; `clock` (tests, operators) decides only what has expired.
	const now = new Date();
	clock = clock || now;
	const store = app.unsafeWithoutHooks();
	const cameras = app.findAllRecords("cameras");
	const withEdge = {};
	for (const camera of cameras) {
		const canteenId = camera.getString("canteen");
		if (withEdge[canteenId] === undefined) withEdge[canteenId] = Boolean(edgeOf(app, canteenId));
		// An edge box reports its cameras' state itself (lib/edge.js).
		if (withEdge[canteenId]) continue;
		// On-demand forwarding stops once the province has not asked for lingerMinutes().
		if (camera.getString("upstream_mode") === "on_demand" && !camera.getDateTime("upstream_until").isZero() && !forwardingWanted(camera, clock)) {
			camera.set("upstream_until", "");
			store.save(camera);
			applyCamera(app, camera, clock);
		}
		if (camera.getBool("on_demand")) continue;
		const path = runtime[pathName(camera.id)];
		const sub = camera.getString("sub_address") ? runtime[subPathName(camera.id)] : null;
		const online = Boolean(path && path.ready);
		const changed = camera.getBool("online") !== online;
		const seconds = camera.getDateTime("checked_at").isZero() ? 0 : (now.getTime() - camera.getDateTime("checked_at").unix() * 1000) / 1000;
		measure(camera, path, "bytes_received", "bitrate_kbps", seconds);
		measure(camera, sub, "sub_bytes_received", "sub_bitrate_kbps", seconds);
		camera.set("online", online);
		camera.set("checked_at", now.toISOString());
		const readers = ((sub || path || {}).readers || []);
		camera.set("forwarding", online && forwardingWanted(camera, clock) && readers.some((reader) => reader.type === "rtspSession"));
		const open = app.findRecordsByFilter("camera_alerts", "camera = {:camera} && ended_at = ''", "", 1, 0, { camera: camera.id });
		if (online) {
			camera.set("offline_since", "");
			for (const alert of open) {
				alert.set("ended_at", now.toISOString());
				store.save(alert);
			}
		} else {
			if (camera.getDateTime("offline_since").isZero()) camera.set("offline_since", now.toISOString());
			const canteen = app.findRecordById("canteens", camera.getString("canteen"));
			const minutes = settingsOf(canteen).video.offlineAlertMinutes;
			const since = new Date(camera.getDateTime("offline_since").string().replace(" ", "T"));
			if (open.length === 0 && now.getTime() - since.getTime() >= minutes * 60000) {
				const alert = new Record(app.findCollectionByNameOrId("camera_alerts"));
				// Saved without hooks (no realtime echo into this job), so nothing else would pick the id.
				alert.set("id", $security.randomStringWithAlphabet(15, "abcdefghijklmnopqrstuvwxyz0123456789"));
				alert.set("canteen", canteen.id);
				alert.set("camera", camera.id);
				alert.set("kind", "offline");
				alert.set("started_at", since.toISOString());
				store.save(alert);
				require(`${__hooks}/lib/alerts.js`).raise(app, {
					canteen: canteen.id,
					kind: "camera.offline",
					source: "camera",
					recordCollection: "camera_alerts",
					recordId: alert.id,
					summary: { code: "camera.offline", params: { camera: camera.getString("name").slice(0, 60) } },
					dedupeKey: `camera_alerts:${alert.id}`,
					raisedAt: now,
					camera: camera.id,
				});
			}
		}
		store.save(camera);
		// Saved without hooks: the province hears of a camera going on or off line from here.
		if (changed) require(`${__hooks}/lib/province.js`).enqueue(app, camera, "upsert");
	}
	return { cameras: cameras.length };
}

/** kbps from MediaMTX's byte counter since the last check; a counter that went back (restart) starts again. */
function measure(camera, path, counterField, rateField, seconds) {
	if (!path || !path.ready) return;
	const bytes = Number(path.bytesReceived) || 0;
	const before = camera.getFloat(counterField);
	if (seconds >= 5 && bytes >= before) camera.set(rateField, Math.round(((bytes - before) * 8) / seconds / 1000));
	camera.set(counterField, bytes);
}

/**
 * onRecordCreateRequest / onRecordUpdateRequest of cameras. The addresses arrive as `rtsp_url` and
 * `upstream_url` (not fields: the stored ones are hidden and PocketBase drops hidden fields from what
 * others send); an edit that leaves them empty keeps the stored ones, which no browser ever sees.
 */
function validateRequest(e) {
	const { rejection } = require(`${__hooks}/lib/messages.js`);
	const body = e.requestInfo().body || {};
	const typed = (name) => (typeof body[name] === "string" ? body[name].trim() : "");
	if (typed("rtsp_url") || e.record.isNew()) e.record.set("nvr_address", typed("rtsp_url"));
	if (typed("upstream_url") || e.record.isNew()) e.record.set("upstream_address", typed("upstream_url"));
	// The sub-stream can be taken away again: an explicit empty `sub_url` clears it.
	if (typed("sub_url") || e.record.isNew() || body.sub_url === "") e.record.set("sub_address", typed("sub_url"));
	const errors = rules.validateCamera({
		name: e.record.getString("name"),
		rtsp_url: e.record.getString("nvr_address"),
		upstream: e.record.getBool("upstream"),
		upstream_url: e.record.getString("upstream_address"),
		sub_url: e.record.getString("sub_address"),
	});
	if (errors.length > 0) throw rejection(errors);
	// Forwarding turned on (or made continuous) beyond the canteen's uplink: said first, done when confirmed.
	const original = e.record.isNew() ? null : e.record.original();
	const continuous = (record) => record.getBool("upstream") && record.getString("upstream_mode") !== "on_demand";
	if (continuous(e.record) && (!original || !continuous(original)) && body.confirm_over_budget !== true) {
		const plan = uplinkOf(e.app, e.record.getString("canteen"), e.record);
		if (!plan.fits) throw rejection([{ field: "upstream", code: "over_budget", params: { always: plan.always_kbps, budget: plan.budget_kbps } }]);
	}
	e.next();
}

/** The canteen's uplink plan (rules.uplinkPlan), with `pending` (a camera being saved) as it would be. */
function uplinkOf(app, canteenId, pending) {
	const canteen = app.findRecordById("canteens", canteenId);
	const cameras = app.findRecordsByFilter("cameras", "canteen = {:canteen}", "name", 0, 0, { canteen: canteenId }).filter((c) => !pending || c.id !== pending.id);
	if (pending) cameras.push(pending);
	return rules.uplinkPlan(
		settingsOf(canteen),
		cameras.map((camera) => ({
			id: camera.id,
			name: camera.getString("name"),
			upstream: camera.getBool("upstream"),
			upstream_mode: camera.getString("upstream_mode"),
			has_sub: camera.getString("sub_address") !== "",
			bitrate_kbps: camera.getFloat("bitrate_kbps"),
			sub_bitrate_kbps: camera.getFloat("sub_bitrate_kbps"),
		})),
	);
}

/** GET /api/mingchu/video/uplink?canteen=: what forwarding costs against the budget (managers, regulators). */
function uplinkRoute(e) {
	const canteenId = String(e.requestInfo().query.canteen || "");
	let canteen;
	try {
		canteen = e.app.findRecordById("canteens", canteenId);
	} catch (_) {
		throw new NotFoundError();
	}
	if (!e.hasSuperuserAuth() && !e.app.canAccessRecord(canteen, e.requestInfo(), canteen.collection().viewRule)) throw new NotFoundError();
	return e.json(200, uplinkOf(e.app, canteen.id, null));
}

/**
 * POST /api/mingchu/video/upstream/{camera}/watch: the province asks for a camera marked "on demand"
 * (with the county's province token, the secret both sides hold); forwarding starts, and goes on until
 * lingerMinutes() after its last request. Body {now?}: the operator's or a test's clock.
 */
function watchRoute(e) {
	const token = $os.getenv("MINGCHU_PROVINCE_TOKEN");
	const given = (e.request.header.get("Authorization") || "").replace(/^Bearer\s+/, "");
	if (!e.hasSuperuserAuth() && (!token || !$security.equal(given, token))) throw new UnauthorizedError("省级平台凭据无效 / Not the province");
	let camera;
	try {
		camera = e.app.findRecordById("cameras", e.request.pathValue("camera"));
	} catch (_) {
		throw new NotFoundError();
	}
	if (!camera.getBool("upstream") || camera.getString("upstream_mode") !== "on_demand") throw new NotFoundError("这台摄像头不按需上传 / This camera is not forwarded on demand");
	const body = e.requestInfo().body || {};
	const now = body.now && e.hasSuperuserAuth() ? new Date(String(body.now)) : new Date();
	if (isNaN(now.getTime())) throw new BadRequestError("now: an ISO instant");
	const wasOn = forwardingWanted(camera, now);
	const until = new Date(now.getTime() + lingerMinutes() * 60000);
	camera.set("upstream_until", until.toISOString());
	e.app.unsafeWithoutHooks().save(camera);
	if (!wasOn) applyCamera(e.app, camera, now);
	return e.json(200, { camera: camera.id, forwarding_until: until.toISOString(), started: !wasOn });
}

/** POST /api/mingchu/video/tickets {camera, action}: a ticket for a camera the caller may watch. */
function ticketRoute(e) {
	const body = e.requestInfo().body || {};
	const action = String(body.action || "");
	if (!TICKET_SECONDS[action]) throw new BadRequestError("action: read | playback");
	let camera;
	try {
		camera = e.app.findRecordById("cameras", String(body.camera || ""));
	} catch (_) {
		throw new NotFoundError();
	}
	if (!mayWatch(e.auth, camera)) throw new NotFoundError();
	return e.json(200, issueTicket({ path: pathName(camera.id), action }));
}

/** The Authorization header of MediaMTX's calls to the decision route (authHTTPAddress carries it). */
function fromMediaMTX(e) {
	const [user, password, given] = e.request.basicAuth();
	return given && user === "mediamtx" && secretIs(password);
}

/**
 * Where browsers reach a canteen's video: the app's host name with this server's MediaMTX ports, or,
 * for a school with an edge box, the box's LAN address and ports (the display plays from the kitchen).
 */
function endpoints(app, canteenId) {
	const edge = app && canteenId ? edgeOf(app, canteenId) : null;
	if (edge && edge.getString("lan_host")) {
		const ports = parseJson(edge.get("ports"), null);
		if (ports) return { webrtc: ports.webrtc, hls: ports.hls, playback: ports.playback, host: edge.getString("lan_host") };
	}
	return parseJson(env("MINGCHU_VIDEO_PORTS"), null);
}

module.exports = {
	validateRequest,
	applyCamera,
	removeCamera,
	streamChanged,
	reconcile,
	authorise,
	fromMediaMTX,
	ticketRoute,
	checkHealth,
	readAllowed,
	cameraOfPath,
	forwardingWanted,
	retentionSeconds,
	edgeOf,
	uplinkRoute,
	watchRoute,
	endpoints,
	pathName,
};
