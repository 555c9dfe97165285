// A canteen's own settings, edited by its administrators (app/lib/domain/canteen-settings.ts decides
// what may be set and how it is checked).
const rules = require(`${__hooks}/lib/domain.cjs`);
const { describe, rejection } = require(`${__hooks}/lib/messages.js`);
const { parseJson, settingsOf } = require(`${__hooks}/lib/canteen.js`);

function saveOperationalSettings(e) {
	const canteen = require(`${__hooks}/lib/access.js`).managedCanteen(e, e.request.pathValue("id"));
	const body = e.requestInfo().body || {};
	const current = canteen.getInt("settings_version");
	if (body.version !== current) {
		const { message, data } = describe([{ field: "version", code: "stale" }]);
		throw new ApiError(409, message, { version: new ValidationError(data.version.code, data.version.message) });
	}
	const input = body.settings || {};
	const errors = rules.validateOperationalSettings(input);
	if (errors.length > 0) throw rejection(errors);
	canteen.set("settings", rules.withOperationalSettings(parseJson(canteen.get("settings"), {}), input));
	canteen.set("settings_version", current + 1);
	e.app.save(canteen);
	return e.json(200, { version: current + 1, settings: rules.operationalSettingsOf(settingsOf(canteen)) });
}

module.exports = { saveOperationalSettings };
