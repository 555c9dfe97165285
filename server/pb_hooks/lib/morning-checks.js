// Re-checks a morning check from a kiosk with the shared rule book before it is stored.
const rules = require(`${__hooks}/lib/domain.cjs`);
const { rejection } = require(`${__hooks}/lib/messages.js`);

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

function canteenSettings(rules, canteen) {
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

/**
 * Handles POST /api/collections/morning_checks/records (also inside /api/batch). The create rule has
 * already checked that the kiosk writes for its own canteen and as itself.
 */
function onCreate(e) {
	const record = e.record;

	// A retried upload (lost reply, crash after sending) gets the stored copy back instead of a
	// "not unique" error, so the kiosk can acknowledge it and no second copy can ever exist.
	const existing = findOrNull(e.app, "morning_checks", record.id);
	if (existing) {
		if (existing.getString("device") !== record.getString("device")) {
			throw rejection([{ field: "id", code: "not_this_device" }]);
		}
		return e.json(200, existing);
	}

	const canteen = e.app.findRecordById("canteens", record.getString("canteen"));
	const settings = canteenSettings(rules, canteen);
	const checkedAt = record.getDateTime("checked_at");
	const temperature = record.get("temperature");
	const input = {
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

	const errors = rules.validateMorningCheck({ input, settings });
	const staff = findOrNull(e.app, "staff", input.staff);
	if (input.staff && (!staff || staff.getString("canteen") !== canteen.id)) {
		errors.push({ field: "staff", code: "staff_not_found" });
	}
	if (errors.length > 0) throw rejection(errors);

	// Never trust the kiosk's verdict: the server's assessment is what gets stored.
	const assessment = rules.assessMorningCheck({ input, staff: staffForCheck(staff), settings });
	record.set("date", rules.checkDate(input, settings));
	record.set("staff_name", staff.getString("name"));
	record.set("symptoms", assessment.symptoms);
	record.set("outcome", assessment.outcome);
	record.set("findings", assessment.findings);

	e.next();
}

module.exports = { onCreate };
