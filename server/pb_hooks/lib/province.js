// The county's link to the province warehouse (数据总仓, server/province): every ledger record with its
// seal, alerts and their steps, inspections, canteen facts, cameras' state and daily digests go up
// exactly once and in order. Each change is written to province_outbox in the transaction that makes
// it; the minute job sends what follows the province's last acknowledged number in batches, retries
// with back-off, and moves what the province refuses to province_refused (the dead letters, listed by
// GET /api/mingchu/province/status and sent again by …/refused/{seq}/retry). Wire format: server/province/openapi.json (mingchu.province-batch/1).
// The record is read when it is sent, not copied when queued: the sync's hot path pays one INSERT.
const rules = require(`${__hooks}/lib/domain.cjs`);
const { parseJson, settingsOf, pbDate } = require(`${__hooks}/lib/canteen.js`);

const SCHEMA = "mingchu.province-batch/1";
const BATCH = 200;
/** Batches per run of the job: a county back after days away catches up over a few minutes. */
const BATCHES_PER_RUN = 25;
const MAX_BACKOFF_MINUTES = 30;
/** Acknowledged entries are kept a week, so a province restored from an older backup can ask again. */
const KEEP_SENT_DAYS = 7;

/** What crosses to the province, by collection. Cameras' and canteens' fields are listed: addresses, credentials and contact phones stay. */
const KINDS = {
	refused_submissions: "ledger",
	alerts: "alert",
	alert_steps: "alert_step",
	inspections: "inspection",
	canteens: "canteen",
	cameras: "camera",
	daily_digests: "digest",
};
for (const ledger of rules.CHAINED_COLLECTIONS) KINDS[ledger] = "ledger";
const COLLECTIONS = Object.keys(KINDS);
const CAMERA_FIELDS = ["name", "area", "public", "upstream", "on_demand", "online", "offline_since"];
const CANTEEN_FIELDS = ["name", "type", "district", "organisation", "address", "licence_number", "licence_expires", "grade", "responsible_person"];

function provinceUrl() {
	return ($os.getenv("MINGCHU_PROVINCE_URL") || "").replace(/\/+$/, "");
}

function canteenOf(record) {
	return record.collection().name === "canteens" ? record.id : record.getString("canteen");
}

/** Hook side: queues the change inside the caller's transaction. Nothing is queued while no province is set. */
function enqueue(app, record, op) {
	if (!provinceUrl()) return;
	const collection = record.collection().name;
	app.db()
		.newQuery("INSERT INTO province_outbox (canteen, kind, collection, record_id, op, at) VALUES ({:canteen}, {:kind}, {:collection}, {:id}, {:op}, {:at})")
		.bind({ canteen: canteenOf(record), kind: KINDS[collection], collection, id: record.id, op, at: pbDate(new Date()) })
		.execute();
}

/**
 * onRecord{Create,Update,Delete}Execute of a pushed collection: the write and its outbox entry in one
 * transaction (the sync's own, or one opened here), so a crash keeps both or neither.
 */
function saveWithEntry(e, op) {
	if (!provinceUrl()) return e.next();
	e.app.runInTransaction((tx) => {
		e.app = tx;
		e.next();
		enqueue(tx, e.record, op);
	});
}

/**
 * Queues everything the county already holds, oldest first, for a county joining the province (or a
 * province rebuilt from nothing). Canteens and cameras go first so every later record has its canteen.
 */
function backfill(app) {
	let queued = 0;
	const order = ["canteens", "cameras", ...COLLECTIONS.filter((c) => KINDS[c] === "ledger"), "alerts", "alert_steps", "inspections", "daily_digests"];
	app.runInTransaction((tx) => {
		for (const collection of order) {
			let exists = true;
			try {
				tx.findCollectionByNameOrId(collection);
			} catch (_) {
				exists = false;
			}
			if (!exists) continue;
			const canteen = collection === "canteens" ? "id" : "canteen";
			const sortBy = KINDS[collection] === "ledger" ? "received_at, rowid" : "rowid";
			const result = tx
				.db()
				.newQuery(
					`INSERT INTO province_outbox (canteen, kind, collection, record_id, op, at) SELECT ${canteen}, {:kind}, {:collection}, id, 'upsert', {:at} FROM ${collection} ORDER BY ${sortBy}`,
				)
				.bind({ kind: KINDS[collection], collection, at: pbDate(new Date()) })
				.execute();
			queued += result.rowsAffected();
		}
	});
	return { queued };
}

/** A stored field as plain JSON (the shape the county's chain hashes and seals read). */
function plainFields(record, only) {
	const fields = {};
	for (const field of record.collection().fields) {
		const name = field.getName();
		if (field.hidden || field.type() === "password") continue;
		if (only && only.indexOf(name) < 0) continue;
		const type = field.type();
		if (type === "date" || type === "autodate") {
			const value = record.getDateTime(name);
			fields[name] = value.isZero() ? "" : value.string();
		} else if (type === "json") fields[name] = parseJson(record.get(name), null);
		else if (type === "number") fields[name] = record.getFloat(name);
		else if (type === "bool") fields[name] = record.getBool(name);
		else {
			const value = record.get(name);
			fields[name] = typeof value === "string" ? value : parseJson(JSON.stringify(value), null);
		}
	}
	return fields;
}

function isoOf(text) {
	return text ? text.replace(" ", "T") : "";
}

/** The entry as the province receives it; a record gone since it was queued is sent as deleted. */
function entryOf(app, row, windows) {
	const entry = { seq: row.seq, op: row.op === "delete" ? "delete" : "upsert", kind: row.kind, collection: row.collection, canteen: row.canteen, id: row.record_id, at: isoOf(row.at) };
	if (entry.op === "delete") return entry;
	let record;
	try {
		record = app.findRecordById(row.collection, row.record_id);
	} catch (_) {
		entry.op = "delete";
		return entry;
	}
	if (row.kind === "ledger") {
		const { storedFields } = require(`${__hooks}/lib/chain.js`);
		const fields = storedFields(record);
		entry.data = {
			device: record.getString("device"),
			seq: record.getInt("seq"),
			hash: record.getString("hash"),
			prev_hash: record.getString("prev_hash"),
			seal: record.getString("seal"),
			received_at: isoOf(fields.received_at || ""),
			fields,
		};
	} else if (row.kind === "canteen") {
		entry.data = plainFields(record, CANTEEN_FIELDS);
		entry.data.required_ledgers = rules.requiredLedgers(settingsOf(record));
	} else if (row.kind === "camera") {
		entry.data = plainFields(record, CAMERA_FIELDS);
	} else if (row.kind === "digest") {
		const canteen = windows.canteen(record.getString("canteen"));
		const offset = canteen ? settingsOf(canteen).utcOffsetMinutes : 480;
		const [y, m, d] = record.getString("day").split("-").map(Number);
		const start = Date.UTC(y, m - 1, d) - offset * 60000;
		entry.data = {
			day: record.getString("day"),
			records: record.getInt("records"),
			digest: record.getString("digest"),
			seals_sha256: record.getString("seals_sha256"),
			window: { start: new Date(start).toISOString(), end: new Date(start + 86400000).toISOString() },
		};
	} else {
		entry.data = plainFields(record);
	}
	return entry;
}

function linkState(app) {
	const state = new DynamicModel({ sent_seq: 0, attempts: 0, next_at: "", last_error: "", last_ok_at: "" });
	app.db().newQuery("SELECT sent_seq, attempts, next_at, last_error, last_ok_at FROM province_link WHERE id = 1").one(state);
	return state;
}

function saveLink(app, fields) {
	const sets = Object.keys(fields).map((name) => `${name} = {:${name}}`);
	app.db().newQuery(`UPDATE province_link SET ${sets.join(", ")} WHERE id = 1`).bind(fields).execute();
}

function pendingRows(app, after, limit) {
	const rows = arrayOf(new DynamicModel({ seq: 0, canteen: "", kind: "", collection: "", record_id: "", op: "", at: "" }));
	app.db()
		.newQuery("SELECT seq, canteen, kind, collection, record_id, op, at FROM province_outbox WHERE seq > {:after} ORDER BY seq LIMIT {:limit}")
		.bind({ after, limit })
		.all(rows);
	return rows;
}

/** 1, 2, 4 … minutes, at most half an hour: a province down for days is retried twice an hour. */
function backoffMinutes(attempts) {
	return Math.min(MAX_BACKOFF_MINUTES, Math.pow(2, Math.max(0, attempts - 1)));
}

/**
 * Sends what is due at `now`. Returns what happened; the link's state says the rest. A transport
 * failure or a 5xx keeps the batch for the next try; entries the province refuses one by one go to
 * province_refused and the cursor moves past them.
 */
function push(app, now) {
	const url = provinceUrl();
	const result = { sent: 0, refused: 0, batches: 0, waiting: false, error: "" };
	if (!url) return Object.assign(result, { error: "MINGCHU_PROVINCE_URL is not set" });
	let state = linkState(app);
	if (state.next_at && state.next_at > pbDate(now)) return Object.assign(result, { waiting: true });
	const canteens = {};
	const windows = {
		canteen(id) {
			if (canteens[id] === undefined) {
				try {
					canteens[id] = app.findRecordById("canteens", id);
				} catch (_) {
					canteens[id] = null;
				}
			}
			return canteens[id];
		},
	};
	for (let batch = 0; batch < BATCHES_PER_RUN; batch++) {
		const rows = pendingRows(app, state.sent_seq, BATCH);
		if (rows.length === 0) break;
		const entries = rows.map((row) => entryOf(app, row, windows));
		let status = 0;
		let answer = null;
		let error = "";
		try {
			const response = $http.send({
				url: `${url}/v1/batches`,
				method: "POST",
				body: JSON.stringify({ schema: SCHEMA, after_seq: state.sent_seq, entries }),
				headers: { "content-type": "application/json", authorization: `Bearer ${$os.getenv("MINGCHU_PROVINCE_TOKEN")}` },
				timeout: 60,
			});
			status = response.statusCode;
			answer = response.json || null;
			if (status !== 200 && status !== 409) error = `${status} ${toString(response.body).slice(0, 300)}`;
		} catch (failure) {
			error = String(failure).slice(0, 300);
		}
		if (status === 409 && answer && typeof answer.expected_from === "number") {
			// The province holds less than we thought (restored from a backup): go back to where it is.
			const rewindTo = answer.expected_from - 1;
			const oldest = pendingRows(app, rewindTo, 1);
			if (rewindTo < state.sent_seq && (oldest.length === 0 || oldest[0].seq !== answer.expected_from)) {
				error = `province expects entry ${answer.expected_from}, which this county no longer keeps`;
			} else {
				saveLink(app, { sent_seq: rewindTo });
				state = linkState(app);
				continue;
			}
		}
		if (!error && (!answer || typeof answer.accepted_through !== "number")) error = `${status} answer without accepted_through`;
		if (error) {
			const attempts = state.attempts + 1;
			saveLink(app, { attempts, last_error: error, next_at: pbDate(new Date(now.getTime() + backoffMinutes(attempts) * 60000)) });
			result.error = error;
			break;
		}
		const refused = Array.isArray(answer.refused) ? answer.refused : [];
		app.runInTransaction((tx) => {
			for (const item of refused) {
				const row = rows.find((r) => r.seq === item.seq);
				if (!row) continue;
				tx.db()
					.newQuery(
						"INSERT OR REPLACE INTO province_refused (seq, canteen, kind, collection, record_id, op, reason, refused_at) VALUES ({:seq}, {:canteen}, {:kind}, {:collection}, {:record_id}, {:op}, {:reason}, {:at})",
					)
					.bind({ seq: row.seq, canteen: row.canteen, kind: row.kind, collection: row.collection, record_id: row.record_id, op: row.op, reason: String(item.reason || "").slice(0, 1000), at: pbDate(now) })
					.execute();
			}
			const through = Math.max(state.sent_seq, Math.min(answer.accepted_through, rows[rows.length - 1].seq));
			tx.db()
				.newQuery("UPDATE province_link SET sent_seq = {:through}, attempts = 0, next_at = '', last_error = '', last_ok_at = {:now} WHERE id = 1")
				.bind({ through, now: pbDate(now) })
				.execute();
			result.sent += rows.filter((r) => r.seq <= through).length - refused.length;
		});
		result.refused += refused.length;
		result.batches += 1;
		state = linkState(app);
		if (state.sent_seq < rows[rows.length - 1].seq) break;
	}
	// Entries the province acknowledged a week ago are no longer needed.
	app.db()
		.newQuery("DELETE FROM province_outbox WHERE seq <= {:sent} AND at < {:before}")
		.bind({ sent: state.sent_seq, before: pbDate(new Date(now.getTime() - KEEP_SENT_DAYS * 86400000)) })
		.execute();
	return result;
}

/** GET /api/mingchu/province/status (operators): the link, what waits, what was refused. */
function status(app) {
	const state = linkState(app);
	const count = new DynamicModel({ n: 0, newest: 0 });
	app.db().newQuery("SELECT COUNT(*) AS n, COALESCE(MAX(seq), 0) AS newest FROM province_outbox WHERE seq > {:sent}").bind({ sent: state.sent_seq }).one(count);
	const refused = arrayOf(new DynamicModel({ seq: 0, canteen: "", kind: "", collection: "", record_id: "", reason: "", refused_at: "" }));
	app.db().newQuery("SELECT seq, canteen, kind, collection, record_id, reason, refused_at FROM province_refused ORDER BY seq DESC LIMIT 100").all(refused);
	return {
		configured: Boolean(provinceUrl()),
		sent_seq: state.sent_seq,
		pending: count.n,
		newest_seq: count.newest,
		attempts: state.attempts,
		next_at: state.next_at,
		last_error: state.last_error,
		last_ok_at: state.last_ok_at,
		refused: refused.map((r) => ({ seq: r.seq, canteen: r.canteen, kind: r.kind, collection: r.collection, record_id: r.record_id, reason: r.reason, refused_at: r.refused_at })),
	};
}

/** Queues a refused entry again (after the province was mended); it gets a new number. */
function retryRefused(app, seq) {
	let found = false;
	app.runInTransaction((tx) => {
		const row = new DynamicModel({ canteen: "", kind: "", collection: "", record_id: "", op: "" });
		try {
			tx.db().newQuery("SELECT canteen, kind, collection, record_id, op FROM province_refused WHERE seq = {:seq}").bind({ seq }).one(row);
		} catch (_) {
			return;
		}
		found = true;
		tx.db()
			.newQuery("INSERT INTO province_outbox (canteen, kind, collection, record_id, op, at) VALUES ({:canteen}, {:kind}, {:collection}, {:record_id}, {:op}, {:at})")
			.bind({ canteen: row.canteen, kind: row.kind, collection: row.collection, record_id: row.record_id, op: row.op, at: pbDate(new Date()) })
			.execute();
		tx.db().newQuery("DELETE FROM province_refused WHERE seq = {:seq}").bind({ seq }).execute();
	});
	return found;
}

module.exports = { COLLECTIONS, enqueue, saveWithEntry, backfill, push, status, retryRefused };
