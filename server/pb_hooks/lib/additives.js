// The additive register (添加剂备案) of a canteen: an entry as the rule book reads it, its request hooks,
// and the whole register for judging a batch of additive uses (lib/ledgers.js).
const rules = require(`${__hooks}/lib/domain.cjs`);
const { versioned } = require(`${__hooks}/lib/versioned.js`);

function registeredOf(record) {
	return {
		name: record.getString("name"),
		supplier: record.getString("supplier"),
		purpose: record.getString("purpose"),
		storage_place: record.getString("storage_place"),
		keeper: record.getString("keeper"),
		active: record.getBool("active"),
	};
}

/** Request hooks of the register (additives.pb.js). */
const additiveHooks = versioned((record) => rules.validateRegisteredAdditive(registeredOf(record)));

/** The canteen's whole register, read once per batch. */
function registerOf(app, canteen) {
	return app.findAllRecords("additives", $dbx.hashExp({ canteen: canteen.id })).map(registeredOf);
}

module.exports = { additiveHooks, registerOf };
