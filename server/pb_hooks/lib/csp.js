// The header half of the app's Content-Security-Policy (csp.pb.js).
const { endpoints } = require(`${__hooks}/lib/video.js`);

/**
 * `host` as the browser asked for it (name[:port]); MediaMTX listens on the same name. `embeddable`: the
 * page is a canteen's embed and the canteen allows ordering platforms to frame it. `edge`: the video
 * endpoints of the page's canteen when it has an edge box (its LAN address), else null.
 */
function policyFor(host, embeddable, edge) {
	const name = String(host || "").replace(/:\d+$/, "");
	const ports = endpoints() || {};
	const on = (port, at) => (port && /^[\w.\-\[\]:]+$/.test(at) ? [`http://${at}:${port}`, `https://${at}:${port}`] : []);
	const media = [...on(ports.hls, name), ...on(ports.playback, name)];
	const connect = [...on(ports.webrtc, name), ...on(ports.hls, name), ...on(ports.playback, name)];
	if (edge) {
		media.push(...on(edge.hls, edge.host), ...on(edge.playback, edge.host));
		connect.push(...on(edge.webrtc, edge.host), ...on(edge.hls, edge.host), ...on(edge.playback, edge.host));
	}
	return [
		"default-src 'self'",
		// Inline only with the page's own hash (the <meta> half refuses every other inline script);
		// wasm for the OCR engines.
		"script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'",
		// hls.js and the OCR engines may start workers from blobs.
		"worker-src 'self' blob:",
		"style-src 'self' 'unsafe-inline'",
		// QR codes are data: URLs; photo previews and signatures blob: URLs.
		"img-src 'self' data: blob:",
		["media-src 'self' blob:", ...media].join(" "),
		["connect-src 'self'", ...connect].join(" "),
		"font-src 'self' data:",
		"object-src 'none'",
		"base-uri 'self'",
		"form-action 'self'",
		// Only a canteen's embed, and only when it allows it, may sit in another site's frame.
		embeddable ? "frame-ancestors *" : "frame-ancestors 'self'",
	].join("; ");
}

/** Whether this path is the embed of a canteen that allows embedding. */
function embeddable(app, path) {
	const match = /^\/embed\/([a-z0-9]{15})\/?$/.exec(path);
	if (!match) return false;
	try {
		return app.findRecordById("canteens", match[1]).getBool("embed_enabled");
	} catch (_) {
		return false;
	}
}

/** The edge box's video endpoints of the canteen a display, public or embed page names, if it has one. */
function edgeEndpoints(app, path) {
	const match = /^\/(display|p|embed)\/([a-z0-9]{15})\/?$/.exec(path);
	if (!match) return null;
	const found = endpoints(app, match[2]);
	return found && found.host ? found : null;
}

module.exports = { policyFor, embeddable, edgeEndpoints };
