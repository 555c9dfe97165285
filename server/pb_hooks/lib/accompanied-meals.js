// 陪餐 records as a ledger of the sync route (lib/sync.js), re-checked with the shared rule book
// (app/lib/domain/accompanied-meal.ts).
const rules = require(`${__hooks}/lib/domain.cjs`);
const { instantOf } = require(`${__hooks}/lib/canteen.js`);

module.exports = {
	name: "accompanied_meals",
	inputFields: ["id", "meal", "companion", "companion_role", "eaten_at", "remarks", "recorded_by"],
	judge({ record, settings }) {
		const input = {
			meal: record.getString("meal"),
			companion: record.getString("companion"),
			companion_role: record.getString("companion_role"),
			eaten_at: instantOf(record, "eaten_at"),
			remarks: record.getString("remarks"),
			recorded_by: record.getString("recorded_by"),
		};
		const errors = rules.validateAccompaniedMeal({ input, settings });
		if (errors.length > 0) return errors;
		record.set("date", rules.localDateOf(input.eaten_at, settings.utcOffsetMinutes));
		return [];
	},
};
