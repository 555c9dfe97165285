// Self-inspection rounds as a ledger of the sync route (lib/sync.js), re-checked with the shared rule
// book (app/lib/domain/self-inspection.ts); the checklists are shared data under the version rule.
const rules = require(`${__hooks}/lib/domain.cjs`);
const { instantOf, parseJson } = require(`${__hooks}/lib/canteen.js`);
const { versioned } = require(`${__hooks}/lib/versioned.js`);

/** Request hooks of the checklists (self-inspections.pb.js). */
const templateHooks = versioned((record) =>
	rules.validateInspectionTemplate({
		name: record.getString("name"),
		kind: record.getString("kind"),
		items: parseJson(record.get("items"), []),
		active: record.getBool("active"),
	}),
);

module.exports = {
	templateHooks,
	name: "self_inspections",
	inputFields: ["id", "template", "kind", "results", "inspected_at", "inspected_by", "photo_sha256"],
	judge({ record, settings }) {
		const input = {
			template: record.getString("template"),
			kind: record.getString("kind"),
			results: parseJson(record.get("results"), []),
			inspected_at: instantOf(record, "inspected_at"),
			inspected_by: record.getString("inspected_by"),
		};
		const errors = rules.validateSelfInspection({ input });
		if (errors.length > 0) return errors;
		record.set("findings", rules.assessSelfInspection({ input }));
		record.set("date", rules.localDateOf(input.inspected_at, settings.utcOffsetMinutes));
		return [];
	},
};
