/// <reference path="../pb_data/types.d.ts" />

// POST /api/mingchu/sync/{ledger}: the kiosks' uploads of every ledger (lib/sync.js, lib/ledgers.js).
// Handlers run in their own scope, so each fetches the shared libs itself. They are kept on the pooled
// JS runtime: evaluating the rule bundle on every call cost about a third of the upload time (bench/).
routerAdd(
	"POST",
	"/api/mingchu/sync/{ledger}",
	(e) => {
		const libs =
			globalThis.__mingchuSync ||
			(globalThis.__mingchuSync = { sync: require(`${__hooks}/lib/sync.js`), ledgers: require(`${__hooks}/lib/ledgers.js`) });
		const ledger = libs.ledgers.ledgerOf(e.request.pathValue("ledger"));
		if (!ledger) throw new NotFoundError();
		return libs.sync.syncRoute(e, ledger);
	},
	$apis.requireAuth("devices"),
);
