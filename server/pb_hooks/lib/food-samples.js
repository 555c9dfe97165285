// 留样 food samples and their disposal as ledgers of the sync route (lib/sync.js), re-checked with the
// shared rule book (app/lib/domain/food-sample.ts).
const rules = require(`${__hooks}/lib/domain.cjs`);
const { instantOf } = require(`${__hooks}/lib/canteen.js`);

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
		const ids = incoming.map((r) => String((r && r.sample) || "")).filter(Boolean);
		const found = {};
		for (const sample of app.findRecordsByIds("food_samples", ids)) found[sample.id] = sample;
		return { samples: found };
	},
	judge({ record, canteen, settings, context }) {
		const sample = context.samples[record.getString("sample")];
		if (!sample || sample.getString("canteen") !== canteen.id) return [{ field: "sample", code: "sample_not_found" }];
		const errors = rules.validateDisposal({ sample: { taken_at: instantOf(sample, "taken_at") }, disposedAt: instantOf(record, "disposed_at"), settings });
		if (!record.getString("disposed_by").trim()) errors.push({ field: "disposed_by", code: "required" });
		return errors;
	},
};

module.exports = { samples, disposals };
