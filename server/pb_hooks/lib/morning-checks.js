// Re-checks morning checks from kiosks with the shared rule book before they are stored, and keeps
// each kiosk's hash chain (lib/chain.js). One way in: the kiosk's sync route, a whole batch in one
// transaction (~2× faster than PocketBase's batch API with a JS hook per record; bench/).
const rules = require(`${__hooks}/lib/domain.cjs`);
const { describe } = require(`${__hooks}/lib/messages.js`);
const chain = require(`${__hooks}/lib/chain.js`);
const { parseJson, settingsOf } = require(`${__hooks}/lib/canteen.js`);

/** What a kiosk may set; everything else (canteen, device, verdict, date) the server decides. */
const INPUT_FIELDS = [
	"id",
	"staff",
	"checked_at",
	"temperature",
	"symptoms",
	"hands_ok",
	"attire_ok",
	"jewellery_nails_ok",
	"correction",
	"checked_by",
	"photo_sha256",
];

function findOrNull(app, collection, id) {
	if (!id) return null;
	try {
		return app.findRecordById(collection, id);
	} catch (_) {
		return null;
	}
}


function staffForCheck(staff) {
	return {
		id: staff.id,
		name: staff.getString("name"),
		food_contact: staff.getBool("food_contact"),
		certificate: {
			number: staff.getString("certificate_number"),
			issued: staff.getString("certificate_issued"),
			expires: staff.getString("certificate_expires"),
		},
	};
}

function inputOf(record) {
	const checkedAt = record.getDateTime("checked_at");
	const temperature = record.get("temperature");
	return {
		staff: record.getString("staff"),
		checked_at: checkedAt.isZero() ? "" : checkedAt.string().replace(" ", "T"),
		temperature: temperature === null || temperature === undefined ? null : Number(temperature),
		symptoms: parseJson(record.get("symptoms"), []),
		hands_ok: record.getBool("hands_ok"),
		attire_ok: record.getBool("attire_ok"),
		jewellery_nails_ok: record.getBool("jewellery_nails_ok"),
		correction: record.getString("correction"),
		checked_by: record.getString("checked_by"),
	};
}

/**
 * Validates `record` (canteen and device already set) and writes the server's verdict into it.
 * Returns the field errors that make it unsaveable, or [] when it may be stored.
 */
function judge({ record, canteen, settings, findStaff }) {
	const input = inputOf(record);
	const errors = rules.validateMorningCheck({ input, settings });
	const staff = input.staff ? findStaff(input.staff) : null;
	if (input.staff && (!staff || staff.getString("canteen") !== canteen.id)) {
		errors.push({ field: "staff", code: "staff_not_found" });
	}
	if (errors.length > 0) return errors;

	// Never trust the kiosk's verdict: the server's assessment is what gets stored.
	const assessment = rules.assessMorningCheck({ input, staff: staffForCheck(staff), settings });
	record.set("date", rules.checkDate(input, settings));
	record.set("staff_name", staff.getString("name"));
	record.set("symptoms", assessment.symptoms);
	record.set("outcome", assessment.outcome);
	record.set("findings", assessment.findings);
	return [];
}

function refusalOf(txApp, { canteen, device, fields, link, id, reasons }) {
	const refusedCollection = txApp.findCollectionByNameOrId(chain.REFUSED);
	const record = new Record(refusedCollection);
	// The id is sealed too, so it is chosen now rather than at save.
	record.set("id", $security.randomStringWithAlphabet(15, "abcdefghijklmnopqrstuvwxyz0123456789"));
	record.set("canteen", canteen.id);
	record.set("device", device.id);
	record.set("ledger", "morning_checks");
	record.set("record_id", id);
	record.set("seq", link.seq);
	record.set("prev_hash", link.prev_hash);
	record.set("hash", link.hash);
	record.set("received_at", new DateTime());
	const payload = {};
	for (const field of INPUT_FIELDS) if (fields[field] !== undefined) payload[field] = fields[field];
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
	for (const collection of [...chain.LEDGERS, chain.REFUSED]) {
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
 * POST /api/mingchu/sync/morning_checks {records: [...]} from an enrolled kiosk, oldest first.
 * Canteen and device come from the kiosk's sign-in, never from the body. Answers one result per
 * record: `stored`, `duplicate` (already stored by this kiosk: a retry) or `refused` with the reason.
 * A refused record does not stop the others, and is kept in refused_submissions: it holds its place in
 * the kiosk's chain, so the chain has no hole where the rules said no.
 */
function syncRoute(e) {
	const device = e.auth;
	const body = e.requestInfo().body || {};
	const incoming = Array.isArray(body.records) ? body.records : [];
	if (incoming.length > 200) throw new BadRequestError("一次最多 200 条 / At most 200 records per request");

	const canteen = e.app.findRecordById("canteens", device.getString("canteen"));
	const settings = settingsOf(canteen);
	const collection = e.app.findCollectionByNameOrId("morning_checks");
	const ids = incoming.map((r) => String((r && r.id) || "")).filter(Boolean);
	const existing = {};
	for (const record of e.app.findRecordsByIds("morning_checks", ids)) existing[record.id] = record;
	const refusedBefore = {};
	for (const record of e.app.findAllRecords(chain.REFUSED, $dbx.hashExp({ device: device.id }), $dbx.in("record_id", ...ids))) {
		refusedBefore[record.getString("record_id")] = record;
	}
	const staffIds = incoming.map((r) => String((r && r.staff) || "")).filter(Boolean);
	const staffById = {};
	for (const staff of e.app.findRecordsByIds("staff", staffIds)) staffById[staff.id] = staff;

	const taken = takenPlaces(e.app, device.id, incoming.map((r) => r && r.seq));
	const results = [];
	let head = { seq: device.getInt("last_seq"), hash: device.getString("last_hash") };
	e.app.runInTransaction((txApp) => {
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
				ledger: "morning_checks",
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
			for (const field of INPUT_FIELDS) {
				if (fields[field] !== undefined) record.set(field, fields[field]);
			}
			record.set("canteen", canteen.id);
			record.set("device", device.id);
			const errors = judge({ record, canteen, settings, findStaff: (staffId) => staffById[staffId] || null });
			if (errors.length > 0) {
				const reasons = describe(errors);
				const refusal = refusalOf(txApp, { canteen, device, fields, link, id, reasons });
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
				try {
					txApp.save(record);
				} catch (err) {
					// The same kiosk open twice may have sent it a moment ago: that is still one record.
					const raced = findOrNull(txApp, "morning_checks", id);
					if (raced && raced.getString("device") === device.id) {
						results.push({ id, status: "duplicate", record: raced });
						continue;
					}
					// Otherwise a field PocketBase itself rejects (an id of the wrong form, text too long).
					results.push({ id, status: "refused", error: { message: String(err), data: {} } });
					continue;
				}
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
			txApp.save(current);
		}
	});
	return e.json(200, { results });
}

module.exports = { syncRoute };
