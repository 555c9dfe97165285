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

function retentionSeconds(canteen) {
	// Tests shrink it to seconds to see recordings deleted; in use it is the canteen's setting (≥ 7 days).
	const override = Number(env("MINGCHU_VIDEO_RETENTION_SECONDS"));
	if (override > 0) return override;
	return rules.videoRetentionDays(settingsOf(canteen)) * 24 * 3600;
}

/** The MediaMTX path for a camera: pulled from the NVR without transcoding, recorded, maybe forwarded. */
function pathConf(app, camera) {
	const canteen = app.findRecordById("canteens", camera.getString("canteen"));
	const conf = {
		source: camera.getString("nvr_address"),
		sourceOnDemand: camera.getBool("on_demand"),
		record: true,
		recordDeleteAfter: `${retentionSeconds(canteen)}s`,
		runOnReady: "",
		runOnReadyRestart: false,
	};
	const upstream = camera.getString("upstream_address");
	if (camera.getBool("upstream") && upstream) {
		// MediaMTX has no push of its own: ffmpeg copies the stream to the province while it is up, and
		// is restarted by MediaMTX if it dies. It reads with the forwarder's secret (see authorise).
		const input = `rtsp://forwarder:${env("MINGCHU_VIDEO_SECRET")}@127.0.0.1:${env("MINGCHU_MEDIAMTX_RTSP_PORT")}/$MTX_PATH`;
		const format = /^rtmps?:/.test(upstream) ? "flv" : "rtsp";
		conf.runOnReady = `${env("MINGCHU_FFMPEG") || "ffmpeg"} -hide_banner -loglevel error -rtsp_transport tcp -i ${input} -c copy -f ${format} ${upstream}`;
		conf.runOnReadyRestart = true;
	}
	return conf;
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

/** Adds or replaces a camera's path; MediaMTX restarts only that path's source. */
function applyCamera(app, camera) {
	if (!enabled()) return;
	const name = pathName(camera.id);
	const conf = pathConf(app, camera);
	try {
		api("POST", `/v3/config/paths/replace/${name}`, conf);
	} catch (_) {
		api("POST", `/v3/config/paths/add/${name}`, conf);
	}
}

function removeCamera(cameraId) {
	if (!enabled()) return;
	try {
		api("DELETE", `/v3/config/paths/delete/${pathName(cameraId)}`);
	} catch (_) {
		// Already gone.
	}
}

/** The fields that change what MediaMTX does; renaming a camera must not interrupt its stream. */
const STREAM_FIELDS = ["nvr_address", "on_demand", "upstream", "upstream_address"];

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
		wanted[pathName(camera.id)] = true;
		applyCamera(app, camera);
	}
	let removed = 0;
	const configured = api("GET", "/v3/config/paths/list?itemsPerPage=1000");
	for (const item of (configured && configured.items) || []) {
		if (item.name.startsWith("c_") && !wanted[item.name]) {
			removeCamera(item.name.slice(2));
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
			if (!camera) return false;
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
		default:
			return false;
	}
}

/**
 * Rule 35: records each camera's state from MediaMTX and opens an alert when a camera has had no
 * stream for longer than the canteen's setting; closes it when the stream is back. Cameras pulled on
 * demand are idle without viewers, so their state says nothing and is not judged.
 */
function checkHealth(app) {
	if (!enabled()) return { cameras: 0 };
	const runtime = {};
	const listed = api("GET", "/v3/paths/list?itemsPerPage=1000");
	for (const item of (listed && listed.items) || []) runtime[item.name] = item;
	const now = new Date();
	const store = app.unsafeWithoutHooks();
	const cameras = app.findAllRecords("cameras");
	for (const camera of cameras) {
		if (camera.getBool("on_demand")) continue;
		const path = runtime[pathName(camera.id)];
		const online = Boolean(path && path.ready);
		const changed = camera.getBool("online") !== online;
		camera.set("online", online);
		camera.set("checked_at", now.toISOString());
		camera.set(
			"forwarding",
			online && camera.getBool("upstream") && ((path && path.readers) || []).some((reader) => reader.type === "rtspSession"),
		);
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
	const errors = rules.validateCamera({
		name: e.record.getString("name"),
		rtsp_url: e.record.getString("nvr_address"),
		upstream: e.record.getBool("upstream"),
		upstream_url: e.record.getString("upstream_address"),
	});
	if (errors.length > 0) throw rejection(errors);
	e.next();
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

/** Where browsers reach MediaMTX: the app's host name with these ports (same machine, same LAN). */
function endpoints() {
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
	endpoints,
	pathName,
};
