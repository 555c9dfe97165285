// Cold storage readings as a ledger of the sync route (lib/sync.js), re-checked with the shared rule
// book (app/lib/domain/cold-storage.ts); the server's own findings are stored.
const rules = require(`${__hooks}/lib/domain.cjs`);
const { instantOf } = require(`${__hooks}/lib/canteen.js`);

module.exports = {
	name: "cold_readings",
	inputFields: ["id", "unit", "kind", "temperature_c", "read_at", "read_by", "reason", "accepted_by"],
	judge({ record, settings }) {
		const input = {
			unit: record.getString("unit"),
			kind: record.getString("kind"),
			temperature_c: record.getFloat("temperature_c"),
			read_at: instantOf(record, "read_at"),
			read_by: record.getString("read_by"),
			reason: record.getString("reason"),
			accepted_by: record.getString("accepted_by"),
		};
		const errors = rules.validateColdReading({ input, settings });
		if (errors.length > 0) return errors;
		record.set("findings", rules.assessColdReading({ input, settings }));
		record.set("date", rules.localDateOf(input.read_at, settings.utcOffsetMinutes));
		return [];
	},
};
