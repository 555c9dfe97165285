// Server messages are given in Chinese first and English second, from the same message files as the
// kiosk's UI (bundled into domain.cjs), so a rejected record reads the same on the tablet.
function fill(template, params) {
	return String(template).replace(/\{(\w+)\}/g, (whole, key) =>
		params && params[key] !== undefined ? String(params[key]) : whole,
	);
}

const rules = require(`${__hooks}/lib/domain.cjs`);

function bilingual(section, code, params) {
	const zh = (rules.zhCN[section] || {})[code] || code;
	const en = (rules.en[section] || {})[code] || code;
	return `${fill(zh, params)} / ${fill(en, params)}`;
}

/** A 400 whose field errors land on the kiosk's form fields, in both languages. */
function rejection(fieldErrors) {
	const data = {};
	for (const error of fieldErrors) {
		data[error.field] = new ValidationError(error.code, bilingual("error", error.code, error.params));
	}
	const summary = fieldErrors.map((error) => bilingual("error", error.code, error.params)).join("；");
	return new BadRequestError(summary, data);
}

module.exports = { bilingual, rejection };
