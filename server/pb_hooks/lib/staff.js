// Staff records from administrators are re-checked with the shared rules before they are stored.
// Shared data can be edited in two places at once: each staff record carries a version, an edit must
// name the version it was made on, and an edit made on an older version is refused (409) so that the
// second writer sees the newer value instead of silently overwriting it.
const rules = require(`${__hooks}/lib/domain.cjs`);
const { rejection, describe } = require(`${__hooks}/lib/messages.js`);

function validate(record) {
	const errors = rules.validateStaff({
		name: record.getString("name"),
		role: record.getString("role"),
		food_contact: record.getBool("food_contact"),
		active: record.getBool("active"),
		certificate_number: record.getString("certificate_number"),
		certificate_issued: record.getString("certificate_issued"),
		certificate_expires: record.getString("certificate_expires"),
	});
	if (errors.length > 0) throw rejection(errors);
}

function onCreateRequest(e) {
	validate(e.record);
	e.record.set("version", 1);
	e.next();
}

function onUpdateRequest(e) {
	const current = e.record.original().getInt("version");
	const claimed = (e.requestInfo().body || {}).version;
	if (!e.hasSuperuserAuth() && claimed !== current) {
		const { message, data } = describe([{ field: "version", code: "stale" }]);
		// PocketBase passes on only validation errors as field data.
		throw new ApiError(409, message, { version: new ValidationError(data.version.code, data.version.message) });
	}
	validate(e.record);
	e.record.set("version", current + 1);
	e.next();
}

module.exports = { onCreateRequest, onUpdateRequest };
