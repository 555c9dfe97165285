// Additive uses as a ledger of the sync route (lib/sync.js), re-checked with the shared rule book
// (app/lib/domain/additive.ts): incomplete records and nitrite are refused whoever sends them.
const rules = require(`${__hooks}/lib/domain.cjs`);
const { instantOf } = require(`${__hooks}/lib/canteen.js`);

module.exports = {
	name: "additive_uses",
	inputFields: ["id", "additive", "batch", "food", "amount", "unit", "used_at", "used_by"],
	judge({ record, settings }) {
		const input = {
			additive: record.getString("additive"),
			batch: record.getString("batch"),
			food: record.getString("food"),
			amount: record.getFloat("amount") || null,
			unit: record.getString("unit"),
			used_at: instantOf(record, "used_at"),
			used_by: record.getString("used_by"),
		};
		const errors = rules.validateAdditiveUse({ input, settings });
		if (errors.length > 0) return errors;
		record.set("findings", rules.assessAdditiveUse({ settings }));
		record.set("date", rules.localDateOf(input.used_at, settings.utcOffsetMinutes));
		return [];
	},
};
