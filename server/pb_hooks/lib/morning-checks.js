// 晨检 morning checks as a ledger of the sync route (lib/sync.js): re-checked with the shared rule book,
// the server's own verdict stored.
const rules = require(`${__hooks}/lib/domain.cjs`);
const { parseJson, instantOf, recordsNamedBy } = require(`${__hooks}/lib/canteen.js`);

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
	const temperature = record.get("temperature");
	return {
		staff: record.getString("staff"),
		checked_at: instantOf(record, "checked_at"),
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
function judge({ record, canteen, settings, context }) {
	const input = inputOf(record);
	const errors = rules.validateMorningCheck({ input, settings });
	const staff = input.staff ? context.staff[input.staff] || null : null;
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

/** The staff members a batch names, read once. */
function prefetch(app, incoming) {
	return { staff: recordsNamedBy(app, incoming, "staff", "staff") };
}

module.exports = { name: "morning_checks", inputFields: INPUT_FIELDS, prefetch, judge };
