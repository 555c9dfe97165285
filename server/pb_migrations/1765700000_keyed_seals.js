/// <reference path="../pb_data/types.d.ts" />

// Seals and daily digests become HMAC-SHA256 with the server's key (pb_hooks/lib/seal-key.js), kept
// outside the database: with plain SHA-256, whoever could write the database file could recompute a
// seal after an edit. Records sealed before this upgrade are sealed again now, so an edit made before
// the upgrade is no longer visible; the README's security section says so.
migrate(
	(app) => {
		require(`${__hooks}/lib/seal-key.js`).sealKey(app);
		const chain = require(`${__hooks}/lib/chain.js`);
		for (const name of [...chain.LEDGERS, chain.REFUSED]) {
			const collection = app.findCollectionByNameOrId(name);
			for (const record of app.findAllRecords(name)) {
				record.set("seal", chain.sealOf(record, collection));
				app.unsafeWithoutHooks().saveNoValidate(record);
			}
		}
		for (const digest of app.findAllRecords("daily_digests")) {
			const canteen = app.findRecordById("canteens", digest.getString("canteen"));
			digest.set("digest", chain.digestOf(app, canteen, digest.getString("day")).digest);
			app.unsafeWithoutHooks().saveNoValidate(digest);
		}
	},
	(app) => {
		// Going back to unkeyed seals would need the old hashes; the records stay sealed with the key.
	},
);
