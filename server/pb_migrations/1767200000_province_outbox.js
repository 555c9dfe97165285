/// <reference path="../pb_data/types.d.ts" />

// The county's side of the province warehouse (pb_hooks/lib/province.js): an outbox written in the same
// transaction as each record it names, the link's cursor, and what the province refused (the dead
// letters, shown by GET /api/mingchu/province/status). Plain tables, not collections: no API rule can
// reach them.
migrate(
	(app) => {
		const db = app.db();
		// AUTOINCREMENT: a number is never used twice, even after the newest entries were pruned.
		db.newQuery(
			"CREATE TABLE IF NOT EXISTS province_outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, canteen TEXT NOT NULL, kind TEXT NOT NULL, collection TEXT NOT NULL, record_id TEXT NOT NULL, op TEXT NOT NULL, at TEXT NOT NULL)",
		).execute();
		db.newQuery(
			"CREATE TABLE IF NOT EXISTS province_link (id INTEGER PRIMARY KEY CHECK (id = 1), sent_seq INTEGER NOT NULL DEFAULT 0, attempts INTEGER NOT NULL DEFAULT 0, next_at TEXT NOT NULL DEFAULT '', last_error TEXT NOT NULL DEFAULT '', last_ok_at TEXT NOT NULL DEFAULT '')",
		).execute();
		db.newQuery("INSERT OR IGNORE INTO province_link (id) VALUES (1)").execute();
		db.newQuery(
			"CREATE TABLE IF NOT EXISTS province_refused (seq INTEGER PRIMARY KEY, canteen TEXT NOT NULL, kind TEXT NOT NULL, collection TEXT NOT NULL, record_id TEXT NOT NULL, op TEXT NOT NULL, reason TEXT NOT NULL, refused_at TEXT NOT NULL)",
		).execute();

		// The plain SHA-256 of the day's seals beside the keyed digest: the province, which has no seal key,
		// recomputes it from the seals it received and names a day whose records differ.
		const digests = app.findCollectionByNameOrId("daily_digests");
		digests.fields.add(new Field({ type: "text", name: "seals_sha256", max: 64 }));
		app.save(digests);
	},
	(app) => {
		const digests = app.findCollectionByNameOrId("daily_digests");
		digests.fields.removeByName("seals_sha256");
		app.save(digests);
		for (const table of ["province_outbox", "province_link", "province_refused"]) app.db().newQuery(`DROP TABLE IF EXISTS ${table}`).execute();
	},
);
