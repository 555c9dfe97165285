/// <reference path="../pb_data/types.d.ts" />

// Headers of the app's own files (everything but the API and the dashboard).
//
// Content-Security-Policy: the built page names its one inline start-up script by hash in a <meta>
// policy (svelte.config.js); this header adds what only the running server knows: the video server's
// ports on this host. A browser applies both, so an injected inline script runs under neither, and video
// comes only from MediaMTX on this machine. A canteen's embed may be framed by other sites when the
// canteen allows it (frame-ancestors overrides PocketBase's X-Frame-Options in browsers).
//
// Compression and caching: PocketBase serves its public directory as is. A parent on 3G opening the
// public page would wait for 175 KiB of script where 60 KiB gzipped is enough (bench/public), so the
// app's files are gzipped here; the hashed files under /_app/immutable/ never change under their name.
routerUse((e) => {
	const path = e.request.url.path;
	if (path.startsWith("/api/") || path.startsWith("/_/")) return e.next();
	const csp = require(`${__hooks}/lib/csp.js`);
	const headers = e.response.header();
	headers.set("Content-Security-Policy", csp.policyFor(e.request.host, csp.embeddable(e.app, path), csp.edgeEndpoints(e.app, path)));
	headers.set("X-Content-Type-Options", "nosniff");
	headers.set("Referrer-Policy", "same-origin");
	headers.set("Cache-Control", path.startsWith("/_app/immutable/") ? "public, max-age=31536000, immutable" : "no-cache");
	// Already compressed (images, wasm models would gain little) or served to the service worker in
	// ranges: only text files are gzipped.
	if (/\.(js|css|html|json|svg|webmanifest|txt)$|\/$|^\/(p|embed|display|kitchen|admin|inspect)(\/|$)/.test(path)) {
		return $apis.gzip().func(e);
	}
	return e.next();
});
