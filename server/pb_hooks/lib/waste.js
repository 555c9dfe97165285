// Waste collectors (shared data under the version rule), and how the rule book reads one (a hand-over is
// judged against the collector as the server knows it on the hand-over day: lib/ledgers.js).
const rules = require(`${__hooks}/lib/domain.cjs`);

/** A collector record as the rule book reads it. */
function collectorOf(record) {
	return {
		name: record.getString("name"),
		licence_number: record.getString("licence_number"),
		licence_expires: record.getString("licence_expires"),
		contract_expires: record.getString("contract_expires"),
		contact: record.getString("contact"),
		phone: record.getString("phone"),
		address: record.getString("address"),
		active: record.getBool("active"),
	};
}

const { versioned } = require(`${__hooks}/lib/versioned.js`);

/** Request hooks of the collectors list (waste.pb.js). */
const collectorHooks = versioned((record) => rules.validateWasteCollector(collectorOf(record)));

module.exports = { collectorHooks, collectorOf };
