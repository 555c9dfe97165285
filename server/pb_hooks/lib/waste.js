// Kitchen waste hand-overs as a ledger of the sync route (lib/sync.js), re-checked with the shared rule
// book (app/lib/domain/waste.ts) against the collector as the server knows it on the hand-over day.
const rules = require(`${__hooks}/lib/domain.cjs`);
const { instantOf, ofCanteen, recordsNamedBy } = require(`${__hooks}/lib/canteen.js`);

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

module.exports = {
	collectorHooks,
	name: "waste_handovers",
	inputFields: ["id", "waste_type", "weight_kg", "collector", "destination", "handed_at", "handed_by", "receiver", "photo_sha256"],
	collectorOf,
	prefetch(app, incoming) {
		return { collectors: recordsNamedBy(app, incoming, "collector", "waste_collectors") };
	},
	judge({ record, canteen, settings, context }) {
		const stored = ofCanteen(context.collectors[record.getString("collector")], canteen);
		const collector = stored ? collectorOf(stored) : undefined;
		const input = {
			waste_type: record.getString("waste_type"),
			weight_kg: record.getFloat("weight_kg") || null,
			collector: record.getString("collector"),
			destination: record.getString("destination"),
			handed_at: instantOf(record, "handed_at"),
			handed_by: record.getString("handed_by"),
			receiver: record.getString("receiver"),
		};
		// The documents must be in date on the day of the hand-over, not the day it reached the server.
		const day = rules.localDateOf(input.handed_at || new Date().toISOString(), settings.utcOffsetMinutes);
		const signed = rules.isHash(record.getString("photo_sha256"));
		const errors = rules.validateWasteHandover({ input, collector, signed, today: day, settings });
		if (errors.length > 0) return errors;
		record.set("findings", rules.assessWasteHandover({ collector, today: day, settings }));
		record.set("collector_snapshot", collector);
		record.set("date", day);
		return [];
	},
};
