// Re-checks morning checks from kiosks with the shared rule book before they are stored. Two ways in,
// one check: the records API (one record, used by other clients and the tests) and the kiosk's sync
// route (a whole batch in one transaction, ~2× faster than PocketBase's batch API with a JS hook per
// record; bench/).
const rules = require(`${__hooks}/lib/domain.cjs`);
const { describe, rejection } = require(`${__hooks}/lib/messages.js`);

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
];

function parseJson(value, fallback) {
	if (value === null || value === undefined || value === "") return fallback;
	if (typeof value !== "string") value = toString(value);
	try {
		const parsed = JSON.parse(value);
		return parsed === null ? fallback : parsed;
	} catch (_) {
		return fallback;
	}
}

function findOrNull(app, collection, id) {
	if (!id) return null;
	try {
		return app.findRecordById(collection, id);
	} catch (_) {
		return null;
	}
}

function canteenSettings(canteen) {
	return rules.resolveSettings({ type: canteen.get("type"), overrides: parseJson(canteen.get("settings"), {}) });
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

/**
 * POST /api/collections/morning_checks/records. The create rule has already checked that the kiosk
 * writes for its own canteen and as itself.
 */
function onCreateRequest(e) {
	const record = e.record;
	// A retried upload gets the stored copy back instead of a "not unique" error, so the kiosk can
	// acknowledge it and no second copy can ever exist.
	const existing = findOrNull(e.app, "morning_checks", record.id);
	if (existing) {
		if (existing.getString("device") !== record.getString("device")) {
			throw rejection([{ field: "id", code: "not_this_device" }]);
		}
		return e.json(200, existing);
	}
	const canteen = e.app.findRecordById("canteens", record.getString("canteen"));
	const errors = judge({
		record,
		canteen,
		settings: canteenSettings(canteen),
		findStaff: (id) => findOrNull(e.app, "staff", id),
	});
	if (errors.length > 0) throw rejection(errors);
	e.next();
}

/**
 * POST /api/mingchu/sync/morning_checks {records: [...]} from an enrolled kiosk, oldest first.
 * Canteen and device come from the kiosk's sign-in, never from the body. Answers one result per
 * record: `stored`, `duplicate` (already stored by this kiosk: a retry) or `refused` with the reason.
 * A refused record does not stop the others.
 */
function syncRoute(e) {
	const device = e.auth;
	const body = e.requestInfo().body || {};
	const incoming = Array.isArray(body.records) ? body.records : [];
	if (incoming.length > 200) throw new BadRequestError("一次最多 200 条 / At most 200 records per request");

	const canteen = e.app.findRecordById("canteens", device.getString("canteen"));
	const settings = canteenSettings(canteen);
	const collection = e.app.findCollectionByNameOrId("morning_checks");
	const ids = incoming.map((r) => String((r && r.id) || "")).filter(Boolean);
	const existing = {};
	for (const record of e.app.findRecordsByIds("morning_checks", ids)) existing[record.id] = record;
	const staffIds = incoming.map((r) => String((r && r.staff) || "")).filter(Boolean);
	const staffById = {};
	for (const staff of e.app.findRecordsByIds("staff", staffIds)) staffById[staff.id] = staff;

	const results = [];
	e.app.runInTransaction((txApp) => {
		for (const fields of incoming) {
			const id = String((fields && fields.id) || "");
			const stored = existing[id];
			if (stored) {
				results.push(
					stored.getString("device") === device.id
						? { id, status: "duplicate", record: stored }
						: { id, status: "refused", error: describe([{ field: "id", code: "not_this_device" }]) },
				);
				continue;
			}
			const record = new Record(collection);
			for (const field of INPUT_FIELDS) {
				if (fields && fields[field] !== undefined) record.set(field, fields[field]);
			}
			record.set("canteen", canteen.id);
			record.set("device", device.id);
			const errors = judge({ record, canteen, settings, findStaff: (staffId) => staffById[staffId] || null });
			if (errors.length > 0) {
				results.push({ id, status: "refused", error: describe(errors) });
				continue;
			}
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
			results.push({ id, status: "stored", record });
		}
	});
	return e.json(200, { results });
}

module.exports = { onCreateRequest, syncRoute };
