/// <reference path="../pb_data/types.d.ts" />

// The per-canteen, per-day ledger summary the oversight grid reads (pb_hooks/lib/ledger-days.js),
// counted from the records already kept.
migrate(
	(app) => {
		const days = require(`${__hooks}/lib/ledger-days.js`);
		days.createTable(app);
		days.rebuild(app, "");
	},
	(app) => {
		app.db().newQuery("DROP TABLE IF EXISTS ledger_days").execute();
	},
);
