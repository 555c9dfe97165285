// Server messages are given in Chinese first and English second, from the same message files as the
// kiosk's UI (bundled into domain.cjs), so a refused record reads the same on the tablet.
const rules = require(`${__hooks}/lib/domain.cjs`);

function fill(template, params) {
	return String(template).replace(/\{(\w+)\}/g, (whole, key) =>
		params && params[key] !== undefined ? String(params[key]) : whole,
	);
}

function bilingual(section, code, params) {
	const zh = (rules.zhCN[section] || {})[code] || code;
	const en = (rules.en[section] || {})[code] || code;
	return `${fill(zh, params)} / ${fill(en, params)}`;
}

/** Field errors as PocketBase shapes them: {message, data: {field: {code, message}}}. */
function describe(fieldErrors) {
	const data = {};
	for (const error of fieldErrors) {
		data[error.field] = { code: error.code, message: bilingual("error", error.code, error.params) };
	}
	const message = fieldErrors.map((error) => data[error.field].message).join("；");
	return { message, data };
}

/** The same errors as a thrown 400, whose field errors land on the kiosk's form fields. */
function rejection(fieldErrors) {
	const { message, data } = describe(fieldErrors);
	const errors = {};
	for (const field of Object.keys(data)) errors[field] = new ValidationError(data[field].code, data[field].message);
	return new BadRequestError(message, errors);
}

module.exports = { describe, rejection };
