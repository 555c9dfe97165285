// The kiosks' way into every ledger: a batch of records re-checked by the ledger's rules in one JS call
// and one transaction (~2× faster than PocketBase's batch API with a JS hook per record; bench/), each
// kiosk's hash chain kept (lib/chain.js), refused records stored in refused_submissions so that they
// keep their chain places. A ledger is its definition (app/lib/domain/ledgers.ts) with what the server
// alone does for it (lib/ledgers.js: looking up referenced records).
const rules = require(`${__hooks}/lib/domain.cjs`);
const { describe } = require(`${__hooks}/lib/messages.js`);
const chain = require(`${__hooks}/lib/chain.js`);
const { guardStorage } = require(`${__hooks}/lib/storage.js`);
const { instantOf, parseJson, settingsOf } = require(`${__hooks}/lib/canteen.js`);

function findOrNull(app, collection, id) {
	if (!id) return null;
	try {
		return app.findRecordById(collection, id);
	} catch (_) {
		return null;
	}
}

/** What a kiosk sends for a record of `ledger`: its own fields and when it was written down. */
function submittedFields(ledger) {
	const fields = ledger.definition.fields.map((field) => field[0]);
	return ["id", ...fields, ...(ledger.definition.photo ? ["photo_sha256"] : []), "entered_at"];
}

/**
 * The server's judgement every ledger shares: an event cannot come after its entry (BLOCK), and a record
 * entered long after the event or on a tablet with a wrong clock is marked 补录.
 */
function judgeEntryTimes({ record, ledger, settings, clockOffsetMs }) {
	const eventField = ledger.definition.eventField;
	const eventAt = instantOf(record, eventField);
	const enteredAt = instantOf(record, "entered_at");
	const error = enteredAt ? rules.eventTimeError({ eventAt, enteredAt, settings }) : null;
	if (error) return [{ field: eventField, code: error.code }];
	record.set("late", rules.lateEntryFindings({ eventAt, enteredAt, clockOffsetMs, settings }));
	return [];
}

/** Server clock minus the kiosk's when it sent the batch (the request's own delay is far below 5 min). */
function clockOffsetOf(body) {
	const deviceTime = Date.parse(String(body.device_time || ""));
	return Number.isFinite(deviceTime) ? Date.now() - deviceTime : undefined;
}

function refusalOf(txApp, { ledger, canteen, device, fields, link, id, reasons }) {
	const refusedCollection = txApp.findCollectionByNameOrId(chain.REFUSED);
	const record = new Record(refusedCollection);
	// The id is sealed too, so it is chosen now rather than at save.
	record.set("id", $security.randomStringWithAlphabet(15, "abcdefghijklmnopqrstuvwxyz0123456789"));
	record.set("canteen", canteen.id);
	record.set("device", device.id);
	record.set("ledger", ledger.name);
	record.set("record_id", id);
	record.set("seq", link.seq);
	record.set("prev_hash", link.prev_hash);
	record.set("hash", link.hash);
	record.set("received_at", new DateTime());
	const payload = {};
	for (const field of submittedFields(ledger)) if (fields[field] !== undefined) payload[field] = fields[field];
	record.set("payload", payload);
	record.set("reasons", reasons);
	record.set("seal", chain.sealOf(record, refusedCollection));
	return record;
}

/** The chain place a kiosk claims for a record, or null when it is malformed. */
function linkOf(fields) {
	const seq = fields.seq;
	if (typeof seq !== "number" || !Number.isInteger(seq) || seq < 1) return null;
	if (!rules.isHash(fields.prev_hash) || !rules.isHash(fields.hash)) return null;
	return { seq, prev_hash: fields.prev_hash, hash: fields.hash };
}

/** The chain places among `seqs` this kiosk has already filled (in either collection), in one query each. */
function takenPlaces(app, device, seqs) {
	const taken = {};
	const numbers = seqs.filter((seq) => typeof seq === "number" && Number.isInteger(seq));
	if (numbers.length === 0) return taken;
	for (const collection of [...chain.ledgersOf(app), chain.REFUSED]) {
		const rows = arrayOf(new DynamicModel({ seq: 0 }));
		app
			.db()
			.select("seq")
			.from(collection)
			.where($dbx.hashExp({ device }))
			.andWhere($dbx.in("seq", ...numbers))
			.all(rows);
		for (const row of rows) taken[row.seq] = true;
	}
	return taken;
}

/**
 * POST /api/mingchu/sync/{ledger} {records: [...]} from an enrolled kiosk, oldest first.
 * Canteen and device come from the kiosk's sign-in, never from the body. Answers one result per
 * record: `stored`, `duplicate` (already stored by this kiosk: a retry) or `refused` with the reason.
 * A refused record does not stop the others, and is kept in refused_submissions: it holds its place in
 * the kiosk's chain, so the chain has no hole where the rules said no.
 */
function syncRoute(e, ledger) {
	const device = e.auth;
	const body = e.requestInfo().body || {};
	const incoming = Array.isArray(body.records) ? body.records : [];
	const clockOffsetMs = clockOffsetOf(body);
	if (incoming.length > 200) throw new BadRequestError("一次最多 200 条 / At most 200 records per request");

	const canteen = e.app.findRecordById("canteens", device.getString("canteen"));
	const settings = settingsOf(canteen);
	const collection = e.app.findCollectionByNameOrId(ledger.name);
	const ids = incoming.map((r) => String((r && r.id) || "")).filter(Boolean);
	const existing = {};
	for (const record of e.app.findRecordsByIds(ledger.name, ids)) existing[record.id] = record;
	const refusedBefore = {};
	for (const record of e.app.findAllRecords(chain.REFUSED, $dbx.hashExp({ device: device.id, ledger: ledger.name }), $dbx.in("record_id", ...ids))) {
		refusedBefore[record.getString("record_id")] = record;
	}
	// What the ledger's rules need to look up, read once for the whole batch (staff, samples…).
	const context = ledger.prefetch ? ledger.prefetch(e.app, incoming, canteen) : {};

	const taken = takenPlaces(e.app, device.id, incoming.map((r) => r && r.seq));
	const results = [];
	let head = { seq: device.getInt("last_seq"), hash: device.getString("last_hash") };
	guardStorage(e.app, () => e.app.runInTransaction((txApp) => {
		for (const fields of incoming.map((r) => r || {})) {
			const id = String(fields.id || "");
			const stored = existing[id];
			if (stored) {
				if (stored.getString("device") !== device.id) {
					results.push({ id, status: "refused", error: describe([{ field: "id", code: "not_this_device" }]) });
				} else if (stored.getString("hash") !== fields.hash) {
					// A retry carries the same hash; another record under a used id would be lost as a "duplicate".
					results.push({ id, status: "refused", error: describe([{ field: "id", code: "id_reused" }]) });
				} else {
					results.push({ id, status: "duplicate", record: stored });
				}
				continue;
			}
			if (refusedBefore[id]) {
				results.push({ id, status: "refused", error: parseJson(refusedBefore[id].get("reasons"), {}) });
				continue;
			}
			const link = linkOf(fields);
			if (!link) {
				results.push({ id, status: "refused", error: describe([{ field: "seq", code: "chain_missing" }]) });
				continue;
			}
			const hash = chain.contentHash({
				ledger: ledger.name,
				id,
				canteen: canteen.id,
				device: device.id,
				seq: link.seq,
				prevHash: link.prev_hash,
				fields,
			});
			// Sent for another canteen or tablet, or altered on the way: it is not what the kiosk saved.
			if (hash !== link.hash) {
				results.push({ id, status: "refused", error: describe([{ field: "hash", code: "hash_mismatch" }]) });
				continue;
			}
			if (taken[link.seq]) {
				results.push({ id, status: "refused", error: describe([{ field: "seq", code: "seq_taken" }]) });
				continue;
			}
			if (link.seq !== head.seq + 1 || (head.hash && link.prev_hash !== head.hash)) {
				// Kept, because it is what the cook saved; the administrator's verification names the gap.
				txApp.logger().warn("chain continuity", "device", device.id, "seq", link.seq, "after", head.seq);
			}

			const record = new Record(collection);
			for (const field of submittedFields(ledger)) {
				if (fields[field] !== undefined) record.set(field, fields[field]);
			}
			record.set("canteen", canteen.id);
			record.set("device", device.id);
			// The same judgement the kiosk made before saving, on what it sent; never the kiosk's verdict.
			const input = rules.inputOf(ledger.name, fields);
			const refs = ledger.refs ? ledger.refs({ input, canteen, context, app: txApp }) : {};
			const judgement = ledger.definition.judge(input, { settings, refs, photo: rules.isHash(fields.photo_sha256) });
			const errors = judgement.errors.slice();
			if (errors.length === 0 && ledger.check) errors.push(...ledger.check({ input, canteen, app: txApp }));
			if (errors.length === 0) {
				for (const field of Object.keys(judgement.derived)) record.set(field, judgement.derived[field]);
				errors.push(...judgeEntryTimes({ record, ledger, settings, clockOffsetMs }));
			}
			if (errors.length > 0) {
				const reasons = describe(errors);
				const refusal = refusalOf(txApp, { ledger, canteen, device, fields, link, id, reasons });
				try {
					txApp.save(refusal);
				} catch (_) {
					// The id is another tablet's refused submission.
					results.push({ id, status: "refused", error: describe([{ field: "id", code: "not_this_device" }]) });
					continue;
				}
				refusedBefore[id] = refusal;
				taken[link.seq] = true;
				results.push({ id, status: "refused", error: reasons });
			} else {
				record.set("seq", link.seq);
				record.set("prev_hash", link.prev_hash);
				record.set("hash", link.hash);
				record.set("received_at", new DateTime());
				record.set("seal", chain.sealOf(record, collection));
				// A field PocketBase itself rejects (an id of the wrong form, text too long) is the record's
				// fault: refused, with the internal text in the server's log, not on the tablet.
				try {
					txApp.validate(record);
				} catch (err) {
					txApp.logger().error("sync record invalid", "ledger", ledger.name, "id", id, "error", String(err));
					results.push({ id, status: "refused", error: describe([{ field: "id", code: "sync_failed" }]) });
					continue;
				}
				try {
					// Validated just above.
					txApp.saveNoValidate(record);
				} catch (err) {
					// The same kiosk open twice may have sent it a moment ago: that is still one record.
					const raced = findOrNull(txApp, ledger.name, id);
					if (raced && raced.getString("device") === device.id) {
						results.push({ id, status: "duplicate", record: raced });
						continue;
					}
					// Anything else (a full disk) is not the record's fault: the batch fails as a whole and the
					// tablet sends it again.
					throw err;
				}
				if (ledger.stored) ledger.stored({ record, input, judgement, canteen, context, app: txApp });
				existing[id] = record;
				taken[link.seq] = true;
				results.push({ id, status: "stored", record });
			}
			if (link.seq > head.seq) head = { seq: link.seq, hash: link.hash };
		}
		if (head.seq !== device.getInt("last_seq")) {
			const current = txApp.findRecordById("devices", device.id);
			current.set("last_seq", head.seq);
			current.set("last_hash", head.hash);
			// Without hooks: saving an auth record makes PocketBase walk every realtime client (to refresh
			// their copy of it) and broadcast the change, per sync call; nothing needs the chain head there.
			txApp.unsafeWithoutHooks().save(current);
		}
	}));
	return e.json(200, { results });
}

module.exports = { syncRoute };
