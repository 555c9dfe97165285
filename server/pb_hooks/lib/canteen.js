// What every hook needs to know about a canteen: its settings, resolved from the rule book's defaults,
// its type and its own overrides (stored as JSON).
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

module.exports = { parseJson, settingsOf };
