// The self-inspection checklists: shared data under the version rule, checked by the shared rule book
// (app/lib/domain/self-inspection.ts).
const rules = require(`${__hooks}/lib/domain.cjs`);
const { parseJson } = require(`${__hooks}/lib/canteen.js`);
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

module.exports = { templateHooks };
