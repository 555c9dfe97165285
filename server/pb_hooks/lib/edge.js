// The county's side of edge mode: a school's mini-PC (server/edge/agent.mjs) runs MediaMTX beside the
// cameras. It signs in as its `edges` record, asks here for its canteen's cameras (with the NVR and
// province addresses it needs to pull and forward them) and for every access decision it cannot make
// alone, and reports its cameras' state and where the LAN reaches it. Nothing else is open to it.
const video = require(`${__hooks}/lib/video.js`);

/** The signed-in edge box, active; anything else is refused. */
function edgeOf(e) {
	const edge = e.auth;
	if (!edge || edge.collection().name !== "edges" || !edge.getBool("active")) throw new ForbiddenError("只限本校视频盒 / For the school's edge box only");
	return edge;
}

function port(value) {
	const n = Number(value);
	return Number.isInteger(n) && n > 0 && n < 65536 ? n : null;
}

/**
 * POST /api/mingchu/edge/sync {lan_host, ports: {webrtc, hls, playback}, states: {camera: {online, bitrate_kbps}}}
 * → {canteen, retention_seconds, cameras}: the box reports, and learns what to pull, record and forward.
 */
function sync(e) {
	const edge = edgeOf(e);
	const body = e.requestInfo().body || {};
	const lanHost = String(body.lan_host || "");
	if (lanHost && !/^[A-Za-z0-9.:\-\[\]]{1,100}$/.test(lanHost)) throw new BadRequestError("lan_host: a host name or address");
	const ports = body.ports || {};
	const reported = { webrtc: port(ports.webrtc), hls: port(ports.hls), playback: port(ports.playback) };
	const store = e.app.unsafeWithoutHooks();
	edge.set("lan_host", lanHost);
	edge.set("ports", reported.webrtc && reported.hls && reported.playback ? reported : null);
	edge.set("seen_at", new Date().toISOString());
	store.save(edge);

	const canteen = e.app.findRecordById("canteens", edge.getString("canteen"));
	const cameras = e.app.findRecordsByFilter("cameras", "canteen = {:canteen}", "name", 0, 0, { canteen: canteen.id });
	const states = body.states && typeof body.states === "object" ? body.states : {};
	const now = new Date();
	for (const camera of cameras) {
		const state = states[camera.id];
		if (!state || typeof state !== "object") continue;
		const online = state.online === true;
		const changed = camera.getBool("online") !== online;
		camera.set("online", online);
		camera.set("checked_at", now.toISOString());
		if (online) camera.set("offline_since", "");
		else if (camera.getDateTime("offline_since").isZero()) camera.set("offline_since", now.toISOString());
		const kbps = Number(state.bitrate_kbps);
		if (Number.isFinite(kbps) && kbps >= 0) camera.set("bitrate_kbps", Math.round(kbps));
		camera.set("forwarding", online && state.forwarding === true);
		store.save(camera);
		if (changed) require(`${__hooks}/lib/province.js`).enqueue(e.app, camera, "upsert");
	}
	return e.json(200, {
		canteen: canteen.id,
		retention_seconds: video.retentionSeconds(canteen),
		cameras: cameras.map((camera) => ({
			id: camera.id,
			name: camera.getString("name"),
			public: camera.getBool("public"),
			on_demand: camera.getBool("on_demand"),
			nvr_address: camera.getString("nvr_address"),
			sub_address: camera.getString("sub_address"),
			// Forwarded now (all the time, or while the province watches): the box runs the forwarder.
			forward: video.forwardingWanted(camera, now),
			upstream_address: video.forwardingWanted(camera, now) ? camera.getString("upstream_address") : "",
		})),
	});
}

/**
 * POST /api/mingchu/edge/authorise {path, action, protocol, token, query} → {allowed}: a viewer at the
 * box, decided by the same rule as this server's own MediaMTX, for the box's own canteen only.
 */
function authorise(e) {
	const edge = edgeOf(e);
	const body = e.requestInfo().body || {};
	const request = {
		action: String(body.action || ""),
		path: String(body.path || ""),
		protocol: String(body.protocol || ""),
		token: String(body.token || ""),
		query: String(body.query || ""),
	};
	if (request.action !== "read" && request.action !== "playback") return e.json(200, { allowed: false });
	const camera = video.cameraOfPath(e.app, request.path);
	const allowed = Boolean(camera && camera.getString("canteen") === edge.getString("canteen") && video.readAllowed(e.app, camera, request));
	return e.json(200, { allowed });
}

module.exports = { sync, authorise };
