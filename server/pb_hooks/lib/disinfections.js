// 清洗消毒 as a ledger of the sync route (lib/sync.js): re-checked with the shared rule book
// (app/lib/domain/disinfection.ts); the server's own findings are stored.
const rules = require(`${__hooks}/lib/domain.cjs`);
const { instantOf } = require(`${__hooks}/lib/canteen.js`);

/** PocketBase stores a missing number as 0; for these fields 0 means "not measured". */
function measured(record, field) {
	const value = record.getFloat(field);
	return value === 0 ? null : value;
}

module.exports = {
	name: "disinfections",
	inputFields: [
		"id",
		"method",
		"items",
		"quantity",
		"temperature_c",
		"concentration_mg_l",
		"started_at",
		"ended_at",
		"operator",
		"reason",
		"accepted_by",
	],
	judge({ record, settings }) {
		const input = {
			method: record.getString("method"),
			items: record.getString("items"),
			quantity: measured(record, "quantity"),
			temperature_c: measured(record, "temperature_c"),
			concentration_mg_l: measured(record, "concentration_mg_l"),
			started_at: instantOf(record, "started_at"),
			ended_at: instantOf(record, "ended_at"),
			operator: record.getString("operator"),
			reason: record.getString("reason"),
			accepted_by: record.getString("accepted_by"),
		};
		const errors = rules.validateDisinfection({ input, settings });
		if (errors.length > 0) return errors;
		record.set("findings", rules.assessDisinfection({ input, settings }));
		record.set("date", rules.localDateOf(input.started_at, settings.utcOffsetMinutes));
		return [];
	},
};
