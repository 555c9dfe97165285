// Tamper evidence on the server: recomputes the kiosks' chain hashes (the text is defined once in
// app/lib/domain/chain.ts), seals what the server stored, digests each day, and verifies a canteen's
// ledger for an administrator. Hashing is Go's SHA-256 through $security, ~50× faster than JS here.
const rules = require(`${__hooks}/lib/domain.cjs`);
const { parseJson, settingsOf } = require(`${__hooks}/lib/canteen.js`);
const { sealKey } = require(`${__hooks}/lib/seal-key.js`);

/** HMAC-SHA256 with the server's seal key (lib/seal-key.js): only this server can make a valid seal. */
function keyed(text) {
	// Migrations have no $app: they read the key first (1765700000_keyed_seals.js), which caches it.
	return $security.hs256(text, sealKey(typeof $app === "undefined" ? null : $app));
}

/** Ledger collections whose records are chained, plus the refused submissions holding chain places. */
/**
 * The ledgers that existed when seals became keyed: 1765700000_keyed_seals.js reseals exactly these, and
 * an applied migration is not edited. Everything else reads ledgersOf(app).
 */
const LEDGERS = ["morning_checks", "food_samples", "sample_disposals", "disinfections", "voids", "cold_readings", "waste_handovers", "additive_uses", "accompanied_meals", "self_inspections", "meal_closures", "purchases"];

/** Every chained ledger (app/lib/domain/ledgers.ts) this database has: a migration may run before a later ledger's table exists. */
function ledgersOf(app) {
	return rules.CHAINED_COLLECTIONS.filter((name) => {
		try {
			app.findCachedCollectionByNameOrId(name);
			return true;
		} catch (_) {
			return false;
		}
	});
}
const REFUSED = "refused_submissions";

/** The hash a kiosk computed when it saved the record, recomputed from `fields`. */
function contentHash({ ledger, id, canteen, device, seq, prevHash, fields }) {
	return $security.sha256(
		rules.chainText({ collection: ledger, id, canteen, device, link: { seq, prev_hash: prevHash }, fields }),
	);
}

/** Objects with their keys sorted: the database keeps JSON in Go's key order, a new record in JS's. */
function sortedKeys(value) {
	if (Array.isArray(value)) return value.map(sortedKeys);
	if (value && typeof value === "object") {
		const sorted = {};
		for (const key of Object.keys(value).sort()) sorted[key] = sortedKeys(value[key]);
		return sorted;
	}
	return value;
}

/** A stored field as plain JSON, whatever Go type PocketBase keeps it in. */
function plainValue(record, name, type) {
	switch (type) {
		case "date": {
			const value = record.getDateTime(name);
			return value.isZero() ? "" : value.string();
		}
		case "json":
			return sortedKeys(parseJson(record.get(name), null));
		case "number":
			return record.getFloat(name);
		case "bool":
			return record.getBool(name);
		default: {
			const value = record.get(name);
			return typeof value === "string" ? value : parseJson(JSON.stringify(value), null);
		}
	}
}

// Field lists per collection, read once per JS runtime: walking Go field objects per record cost more
// than hashing it (bench/).
const fieldLists = {};

function sealedFieldsOf(collection) {
	const key = `${collection.name}:${collection.updated.string()}`;
	if (!fieldLists[key]) {
		const list = [];
		for (const field of collection.fields) {
			if (field.type() === "autodate" || field.getName() === "seal") continue;
			list.push([field.getName(), field.type()]);
		}
		fieldLists[key] = list;
	}
	return fieldLists[key];
}

function storedFields(record, collection) {
	const fields = {};
	for (const [name, type] of sealedFieldsOf(collection || record.collection())) fields[name] = plainValue(record, name, type);
	return fields;
}

/** Fields added after records were first sealed: left out while empty, so that older seals still hold. */
const LATER_FIELDS = new Set(["entered_at", "late"]);
const LATER_FIELDS_OF = { food_samples: new Set(["photo_sha256"]) };

/** Worked out once per collection and field: sealing asks for every field of every record. */
const laterFields = {};

function addedLater(collection, name) {
	const key = `${collection}:${name}`;
	if (laterFields[key] === undefined) {
		laterFields[key] = LATER_FIELDS.has(name) || Boolean(LATER_FIELDS_OF[collection] && LATER_FIELDS_OF[collection].has(name)) || rules.addedLaterField(collection, name);
	}
	return laterFields[key];
}

function isEmpty(value) {
	return value === "" || value === null || value === undefined || (Array.isArray(value) && value.length === 0);
}

/**
 * HMAC-SHA256 (keyed()) over every stored field in schema order, the server's verdict and receive time included,
 * so that an edit the kiosk's hash cannot see (an outcome changed from 不合格 to 合格) is caught too.
 */
function sealOf(record, collection, fields) {
	collection = collection || record.collection();
	fields = fields || storedFields(record, collection);
	const ordered = sealedFieldsOf(collection)
		.filter(([name]) => !addedLater(collection.name, name) || !isEmpty(fields[name]))
		.map(([name]) => [name, fields[name]]);
	return keyed(JSON.stringify([collection.name, ordered]));
}

/** The kiosk's hash of a stored ledger record or refused submission, recomputed from what is stored now. */
function recomputedHash(record, collection, fields) {
	const refused = collection.name === REFUSED;
	return contentHash({
		ledger: refused ? record.getString("ledger") : collection.name,
		id: refused ? record.getString("record_id") : record.id,
		canteen: record.getString("canteen"),
		device: record.getString("device"),
		seq: record.getInt("seq"),
		prevHash: record.getString("prev_hash"),
		fields: refused ? parseJson(record.get("payload"), {}) : fields,
	});
}

/** PocketBase's datetime text for an instant, which sorts and compares as text in SQLite. */
function dbTime(millis) {
	return new Date(millis).toISOString().replace("T", " ");
}

/** [start, end) of a local date in UTC, as PocketBase datetime text. */
function dayWindow(day, utcOffsetMinutes) {
	const [y, m, d] = day.split("-").map(Number);
	const start = Date.UTC(y, m - 1, d) - utcOffsetMinutes * 60000;
	return { start: dbTime(start), end: dbTime(start + 24 * 3600 * 1000) };
}

/** Every chain place of one kiosk (id, number, hashes, arrival), in both collections; cheap columns only. */
function chainRowsOf(app, device) {
	const rows = [];
	for (const collection of [...ledgersOf(app), REFUSED]) {
		const found = arrayOf(new DynamicModel({ id: "", canteen: "", seq: 0, hash: "", prev_hash: "", seal: "", received_at: "" }));
		app
			.db()
			.newQuery(`SELECT id, canteen, seq, hash, prev_hash, seal, received_at FROM ${collection} WHERE device = {:device}`)
			.bind({ device })
			.all(found);
		for (const row of found) {
			rows.push({
				collection,
				id: row.id,
				canteen: row.canteen,
				seq: row.seq,
				hash: row.hash,
				prev_hash: row.prev_hash,
				seal: row.seal,
				received_at: row.received_at,
			});
		}
	}
	return rows;
}

/** Seals of one canteen's records that arrived on `day`, in chain order. */
function digestOf(app, canteen, day) {
	const { start, end } = dayWindow(day, settingsOf(canteen).utcOffsetMinutes);
	const seals = [];
	for (const collection of [...ledgersOf(app), REFUSED]) {
		const found = arrayOf(new DynamicModel({ device: "", seq: 0, seal: "" }));
		app
			.db()
			.newQuery(
				`SELECT device, seq, seal FROM ${collection} WHERE canteen = {:canteen} AND received_at >= {:start} AND received_at < {:end}`,
			)
			.bind({ canteen: canteen.id, start, end })
			.all(found);
		for (const row of found) seals.push({ device: row.device, seq: row.seq, seal: row.seal });
	}
	seals.sort((a, b) => (a.device === b.device ? a.seq - b.seq : a.device < b.device ? -1 : 1));
	const text = seals.map((s) => s.seal).join("\n");
	// seals_sha256: the same list unkeyed, which the province (without the seal key) can recompute.
	return { records: seals.length, digest: keyed(text), seals_sha256: $security.sha256(text) };
}

/** Stores the digest of a day once; an existing digest is never replaced. Returns the stored record. */
function sealDay(app, canteen, day) {
	try {
		return app.findFirstRecordByFilter("daily_digests", "canteen = {:canteen} && day = {:day}", { canteen: canteen.id, day });
	} catch (_) {
		// Not sealed yet.
	}
	const { records, digest, seals_sha256 } = digestOf(app, canteen, day);
	const record = new Record(app.findCollectionByNameOrId("daily_digests"));
	record.set("canteen", canteen.id);
	record.set("day", day);
	record.set("records", records);
	record.set("digest", digest);
	record.set("seals_sha256", seals_sha256);
	app.save(record);
	require(`${__hooks}/lib/public-cache.js`).forgetPublic(app, canteen.id);
	return record;
}

/** Cron: seals the past week's days that have no digest yet (catches up after the server was down). */
function sealPastDays(app) {
	for (const canteen of app.findAllRecords("canteens")) {
		const today = rules.localDateOf(new Date(), settingsOf(canteen).utcOffsetMinutes);
		for (let back = 7; back >= 1; back--) sealDay(app, canteen, rules.addDaysTo(today, -back));
	}
}

/** What an administrator needs to recognise a record in a report. */
function describeRecord(app, collection, id) {
	try {
		const record = app.findRecordById(collection, id);
		if (collection === REFUSED) {
			const payload = parseJson(record.get("payload"), {});
			return { ledger: record.getString("ledger"), refused: true, checked_at: payload.checked_at || "", staff: payload.staff || "" };
		}
		return {
			ledger: collection,
			refused: false,
			checked_at: plainValue(record, "checked_at", "date"),
			staff_name: record.getString("staff_name"),
		};
	} catch (_) {
		return { ledger: collection };
	}
}

/**
 * Verifies a canteen's ledger. Continuity (numbers, links, duplicates, records without a chain) is
 * checked over each kiosk's whole chain, because a deletion leaves its gap wherever it happened; the
 * content of every record that arrived between `from` and `to` (local dates) is re-hashed and
 * re-sealed; the digests of those days are recomputed.
 */
function verifyLedger(app, canteen, from, to) {
	const settings = settingsOf(canteen);
	const start = dayWindow(from, settings.utcOffsetMinutes).start;
	const end = dayWindow(to, settings.utcOffsetMinutes).end;

	const deviceIds = {};
	for (const device of app.findRecordsByFilter("devices", "canteen = {:canteen}", "", 0, 0, { canteen: canteen.id })) {
		deviceIds[device.id] = device;
	}
	for (const collection of [...ledgersOf(app), REFUSED]) {
		const found = arrayOf(new DynamicModel({ device: "" }));
		app.db().newQuery(`SELECT DISTINCT device FROM ${collection} WHERE canteen = {:canteen}`).bind({ canteen: canteen.id }).all(found);
		for (const row of found) if (!deviceIds[row.device]) deviceIds[row.device] = null;
	}

	const problems = [];
	let checked = 0;
	for (const deviceId of Object.keys(deviceIds)) {
		let device = deviceIds[deviceId];
		if (device === null) {
			try {
				device = app.findRecordById("devices", deviceId);
			} catch (_) {
				device = null;
			}
		}
		const rows = chainRowsOf(app, deviceId);
		const inRange = rows.filter(
			(row) => row.canteen === canteen.id && (row.received_at === "" || (row.received_at >= start && row.received_at < end)),
		);
		const byCollection = {};
		for (const row of inRange) (byCollection[row.collection] = byCollection[row.collection] || []).push(row.id);
		const recomputed = {};
		for (const name of Object.keys(byCollection)) {
			const collection = app.findCollectionByNameOrId(name);
			for (const record of app.findRecordsByIds(collection, byCollection[name])) {
				const fields = storedFields(record, collection);
				recomputed[`${name}/${record.id}`] = {
					hash: recomputedHash(record, collection, fields),
					seal: sealOf(record, collection, fields),
				};
			}
		}
		checked += inRange.length;
		const entries = rows.map((row) => {
			const again = recomputed[`${row.collection}/${row.id}`];
			return {
				collection: row.collection,
				id: row.id,
				seq: row.seq,
				prev_hash: row.prev_hash,
				hash: row.hash,
				recomputed: again ? again.hash : row.hash,
				seal: again ? row.seal : undefined,
				resealed: again ? again.seal : undefined,
			};
		});
		const last = Math.max(device ? device.getInt("last_seq") : 0, ...rows.map((row) => row.seq));
		for (const problem of rules.verifyChain({ entries, first: 1, last, before: rules.CHAIN_START })) {
			const found = problem.id ? describeRecord(app, problem.collection, problem.id) : {};
			problems.push({ ...problem, ...found, device: deviceId, device_name: device ? device.getString("name") : "" });
		}
	}

	const digests = [];
	for (const digest of app.findRecordsByFilter(
		"daily_digests",
		"canteen = {:canteen} && day >= {:from} && day <= {:to}",
		"day",
		0,
		0,
		{ canteen: canteen.id, from, to },
	)) {
		const day = digest.getString("day");
		const now = digestOf(app, canteen, day);
		const intact = now.digest === digest.getString("digest");
		digests.push({ day, records: digest.getInt("records"), intact });
		if (!intact) problems.push({ kind: "digest_mismatch", day, sealed: digest.getInt("records"), now: now.records });
	}
	return { intact: problems.length === 0, checked, devices: Object.keys(deviceIds).length, digests, problems };
}

module.exports = {
	LEDGERS,
	ledgersOf,
	REFUSED,
	contentHash,
	storedFields,
	sealOf,
	digestOf,
	sealDay,
	sealPastDays,
	verifyLedger,
};
