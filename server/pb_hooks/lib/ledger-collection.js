// What every chained ledger collection carries besides its own fields, for the migrations that add a
// ledger (issue 15): the kiosk, its chain place and hash, the server's seal and arrival, 补录 marks, and
// the indexes the sync route and the day views read. Applied migrations keep their own copies.

/** The canteen and the tablet a record belongs to (first), then the ledger's own `fields`, then the chain. */
function chainedLedgerFields(app, fields) {
	const canteens = app.findCollectionByNameOrId("canteens");
	const devices = app.findCollectionByNameOrId("devices");
	return [
		{ type: "relation", name: "canteen", required: true, maxSelect: 1, collectionId: canteens.id },
		{ type: "relation", name: "device", required: true, maxSelect: 1, collectionId: devices.id },
		...fields,
		{ type: "number", name: "seq", onlyInt: true, min: 1 },
		{ type: "text", name: "prev_hash", max: 64 },
		{ type: "text", name: "hash", max: 64 },
		{ type: "date", name: "received_at" },
		{ type: "text", name: "seal", max: 64 },
		{ type: "date", name: "entered_at" },
		{ type: "json", name: "late", maxSize: 1000 },
		{ type: "autodate", name: "created", onCreate: true, onUpdate: false },
		{ type: "autodate", name: "updated", onCreate: true, onUpdate: true },
	];
}

/** One chain place per tablet, and the canteen's day. */
function chainedLedgerIndexes(name) {
	return [`CREATE UNIQUE INDEX idx_${name}_chain ON ${name} (device, seq)`, `CREATE INDEX idx_${name}_day ON ${name} (canteen, date)`];
}

/**
 * A chained ledger collection: read like `readLike` (an existing ledger with the same audience), never
 * written through the records API (only the sync route writes, lib/sync.js).
 */
function chainedLedger(app, { name, fields, indexes = [], readLike }) {
	const like = app.findCollectionByNameOrId(readLike);
	return new Collection({
		type: "base",
		name,
		fields: chainedLedgerFields(app, fields),
		indexes: [...chainedLedgerIndexes(name), ...indexes],
		listRule: like.listRule,
		viewRule: like.viewRule,
		createRule: null,
		updateRule: null,
		deleteRule: null,
	});
}

module.exports = { chainedLedger };
