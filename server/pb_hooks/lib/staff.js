// Staff records from administrators are re-checked with the shared rules before they are stored.
const rules = require(`${__hooks}/lib/domain.cjs`);
const { rejection } = require(`${__hooks}/lib/messages.js`);

function onSaveRequest(e) {
	const record = e.record;
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
	e.next();
}

module.exports = { onSaveRequest };
