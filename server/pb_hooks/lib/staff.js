// Staff records from administrators are re-checked with the shared rules before they are stored, under
// the version rule of shared data (lib/versioned.js).
const rules = require(`${__hooks}/lib/domain.cjs`);
const { versioned } = require(`${__hooks}/lib/versioned.js`);

module.exports = versioned((record) =>
	rules.validateStaff({
		name: record.getString("name"),
		role: record.getString("role"),
		food_contact: record.getBool("food_contact"),
		active: record.getBool("active"),
		certificate_number: record.getString("certificate_number"),
		certificate_issued: record.getString("certificate_issued"),
		certificate_expires: record.getString("certificate_expires"),
		pin_hash: record.getString("pin_hash"),
	}),
);
