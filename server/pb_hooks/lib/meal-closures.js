// Meal closures (rule 4) as a ledger of the sync route (lib/sync.js): the server recomputes which
// served dishes have no sample from the samples it holds (voided ones do not count).
const rules = require(`${__hooks}/lib/domain.cjs`);
const { instantOf, parseJson } = require(`${__hooks}/lib/canteen.js`);

function sampledDishes(app, canteen, date, meal) {
	const samples = app.findAllRecords("food_samples", $dbx.hashExp({ canteen, date, meal }));
	if (samples.length === 0) return [];
	const voided = {};
	for (const v of app.findAllRecords("voids", $dbx.hashExp({ ledger: "food_samples" }), $dbx.in("record_id", ...samples.map((s) => s.id)))) {
		voided[v.getString("record_id")] = true;
	}
	return samples.filter((s) => !voided[s.id]).map((s) => s.getString("dish"));
}

module.exports = {
	name: "meal_closures",
	inputFields: ["id", "meal", "date", "dishes", "closed_at", "closed_by", "reason", "accepted_by"],
	judge({ record, canteen, app }) {
		const input = {
			meal: record.getString("meal"),
			date: record.getString("date"),
			dishes: parseJson(record.get("dishes"), []),
			closed_at: instantOf(record, "closed_at"),
			closed_by: record.getString("closed_by"),
			reason: record.getString("reason"),
			accepted_by: record.getString("accepted_by"),
		};
		const sampled = sampledDishes(app, canteen.id, input.date, input.meal);
		const errors = rules.validateMealClosure({ input, sampled });
		if (errors.length > 0) return errors;
		record.set("findings", rules.assessMealClosure({ input, sampled }));
		return [];
	},
};
