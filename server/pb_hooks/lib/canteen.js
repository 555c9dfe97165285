// What every hook needs: a canteen's settings (the rule book's defaults, its type and its own overrides,
// stored as JSON), and stored values in the shapes the rule book reads.
const rules = require(`${__hooks}/lib/domain.cjs`);

/** A JSON field's value (PocketBase hands it over as raw bytes or text) as plain JS, or `fallback`. */
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

function settingsOf(canteen) {
	return rules.resolveSettings({ type: canteen.getString("type"), overrides: parseJson(canteen.get("settings"), {}) });
}

/** A date field as the ISO instant the rule book reads ("" when empty). */
function instantOf(record, field) {
	const value = record.getDateTime(field);
	return value.isZero() ? "" : value.string().replace(" ", "T");
}

/**
 * The records of `collection` that a batch of incoming records names in `field` (staff, samples,
 * collectors…), read in one query, by id.
 */
function recordsNamedBy(app, incoming, field, collection) {
	const ids = incoming.map((r) => String((r && r[field]) || "")).filter(Boolean);
	const found = {};
	for (const record of app.findRecordsByIds(collection, ids)) found[record.id] = record;
	return found;
}

/** A named record only when it belongs to this canteen: another canteen's counts as not there. */
function ofCanteen(record, canteen) {
	return record && record.getString("canteen") === canteen.id ? record : undefined;
}

/** An instant as PocketBase stores dates ("2026-11-30 01:02:03.456Z"). */
function pbDate(date) {
	return date.toISOString().replace("T", " ");
}

module.exports = { parseJson, settingsOf, instantOf, recordsNamedBy, ofCanteen, pbDate };
