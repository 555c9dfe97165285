/// <reference path="../pb_data/types.d.ts" />

// Handlers run in their own scope, so each fetches the shared lib itself. It is kept on the pooled
// JS runtime: evaluating the rule bundle on every call cost about a third of the upload time (bench/).

routerAdd(
	"POST",
	"/api/mingchu/sync/morning_checks",
	(e) => {
		const lib = globalThis.__mingchuChecks || (globalThis.__mingchuChecks = require(`${__hooks}/lib/morning-checks.js`));
		return lib.syncRoute(e);
	},
	$apis.requireAuth("devices"),
);
