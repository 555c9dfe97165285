/// <reference path="../pb_data/types.d.ts" />

// Content-Security-Policy for the app's pages. The built page names its one inline start-up script by
// hash in a <meta> policy (svelte.config.js); this header adds what only the running server knows: the
// video server's ports on this host. A browser applies both, so an injected inline script runs under
// neither, and video comes only from MediaMTX on this machine.
routerUse((e) => {
	const path = e.request.url.path;
	if (path.startsWith("/api/") || path.startsWith("/_/")) return e.next();
	const csp = require(`${__hooks}/lib/csp.js`);
	e.response.header().set("Content-Security-Policy", csp.policyFor(e.request.host, csp.embeddable(e.app, path)));
	e.response.header().set("X-Content-Type-Options", "nosniff");
	e.response.header().set("Referrer-Policy", "same-origin");
	return e.next();
});
