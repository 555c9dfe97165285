// 留样 food samples and their disposal as ledgers of the sync route (lib/sync.js), re-checked with the
// shared rule book (app/lib/domain/food-sample.ts).
const rules = require(`${__hooks}/lib/domain.cjs`);
const { instantOf, ofCanteen, recordsNamedBy } = require(`${__hooks}/lib/canteen.js`);

const samples = {
	name: "food_samples",
	inputFields: ["id", "meal", "dish", "weight_g", "taken_at", "taken_by", "fridge", "photo_sha256"],
	judge({ record, settings }) {
		const input = {
			meal: record.getString("meal"),
			dish: record.getString("dish"),
			weight_g: record.get("weight_g") === null ? null : record.getFloat("weight_g"),
			taken_at: instantOf(record, "taken_at"),
			taken_by: record.getString("taken_by"),
			fridge: record.getString("fridge"),
		};
		const errors = rules.validateFoodSample({ input, settings });
		if (errors.length === 0) record.set("date", rules.localDateOf(input.taken_at, settings.utcOffsetMinutes));
		return errors;
	},
};

const disposals = {
	name: "sample_disposals",
	inputFields: ["id", "sample", "disposed_at", "disposed_by"],
	prefetch(app, incoming) {
		return { samples: recordsNamedBy(app, incoming, "sample", "food_samples") };
	},
	judge({ record, canteen, settings, context }) {
		const sample = ofCanteen(context.samples[record.getString("sample")], canteen);
		if (!sample) return [{ field: "sample", code: "sample_not_found" }];
		const errors = rules.validateDisposal({ sample: { taken_at: instantOf(sample, "taken_at") }, disposedAt: instantOf(record, "disposed_at"), settings });
		if (!record.getString("disposed_by").trim()) errors.push({ field: "disposed_by", code: "required" });
		return errors;
	},
};

module.exports = { samples, disposals };
