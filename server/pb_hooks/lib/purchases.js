// Suppliers (shared data under the version rule), and how the rule book reads one (a delivery is judged
// against the supplier as the server knows it on the delivery day: lib/ledgers.js).
const rules = require(`${__hooks}/lib/domain.cjs`);
const { parseJson } = require(`${__hooks}/lib/canteen.js`);
const { versioned } = require(`${__hooks}/lib/versioned.js`);

/** A supplier record as the rule book reads it. */
function supplierOf(record) {
	return {
		name: record.getString("name"),
		credit_code: record.getString("credit_code"),
		licence_number: record.getString("licence_number"),
		licence_expires: record.getString("licence_expires"),
		contact: record.getString("contact"),
		phone: record.getString("phone"),
		address: record.getString("address"),
		categories: parseJson(record.get("categories"), []),
		active: record.getBool("active"),
	};
}

/** Request hooks of the suppliers list (purchases.pb.js). */
const supplierHooks = versioned((record) => rules.validateSupplier(supplierOf(record)));

module.exports = { supplierHooks, supplierOf };
