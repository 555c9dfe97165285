// Server messages are given in Chinese first and English second, from the same message files as the
// kiosk's UI (bundled into domain.cjs), so a refused record reads the same on the tablet.
const rules = require(`${__hooks}/lib/domain.cjs`);

function fill(template, params) {
	return String(template).replace(/\{(\w+)\}/g, (whole, key) =>
		params && params[key] !== undefined ? String(params[key]) : whole,
	);
}

/** A section of the messages by its path ("error", "public.refusal"). */
function sectionOf(messages, path) {
	return path.split(".").reduce((section, key) => (section || {})[key], messages) || {};
}

function bilingual(section, code, params) {
	const zh = sectionOf(rules.zhCN, section)[code] || code;
	const en = sectionOf(rules.en, section)[code] || code;
	return `${fill(zh, params)} / ${fill(en, params)}`;
}

/** Field errors as PocketBase shapes them: {message, data: {field: {code, message}}}. */
function describe(fieldErrors, section = "error") {
	const data = {};
	for (const error of fieldErrors) {
		data[error.field] = { code: error.code, message: bilingual(section, error.code, error.params) };
	}
	const message = fieldErrors.map((error) => data[error.field].message).join("；");
	return { message, data };
}

/** The same errors as a thrown 400, whose field errors land on the kiosk's form fields. */
function rejection(fieldErrors, section = "error") {
	const { message, data } = describe(fieldErrors, section);
	const errors = {};
	for (const field of Object.keys(data)) errors[field] = new ValidationError(data[field].code, data[field].message);
	return new BadRequestError(message, errors);
}

module.exports = { describe, rejection, bilingual };
