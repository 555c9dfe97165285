// The header half of the app's Content-Security-Policy (csp.pb.js).
const { endpoints } = require(`${__hooks}/lib/video.js`);

/** `host` as the browser asked for it (name[:port]); MediaMTX listens on the same name. */
function policyFor(host) {
	const name = String(host || "").replace(/:\d+$/, "");
	const ports = endpoints() || {};
	const on = (port) => (port && /^[\w.\-\[\]:]+$/.test(name) ? [`http://${name}:${port}`, `https://${name}:${port}`] : []);
	const media = [...on(ports.hls), ...on(ports.playback)];
	const connect = [...on(ports.webrtc), ...on(ports.hls), ...on(ports.playback)];
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
		"frame-ancestors 'self'",
	].join("; ");
}

module.exports = { policyFor };
