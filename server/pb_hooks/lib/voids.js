// Voids as a ledger of the sync route (lib/sync.js): the voided record must exist in the canteen, and a
// record is voided once (unique index; the route answers a second void as refused).
const rules = require(`${__hooks}/lib/domain.cjs`);
const { instantOf } = require(`${__hooks}/lib/canteen.js`);

module.exports = {
	name: "voids",
	inputFields: ["id", "ledger", "record_id", "reason", "voided_by", "voided_at"],
	judge({ record, canteen, app }) {
		const input = {
			ledger: record.getString("ledger"),
			record_id: record.getString("record_id"),
			reason: record.getString("reason"),
			voided_by: record.getString("voided_by"),
			voided_at: instantOf(record, "voided_at"),
		};
		const errors = rules.validateVoid(input);
		if (errors.length > 0) return errors;
		let target = null;
		try {
			target = app.findRecordById(input.ledger, input.record_id);
		} catch (_) {
			target = null;
		}
		if (!target || target.getString("canteen") !== canteen.id) return [{ field: "record_id", code: "void_target_not_found" }];
		try {
			app.findFirstRecordByFilter("voids", "ledger = {:ledger} && record_id = {:id}", { ledger: input.ledger, id: input.record_id });
			return [{ field: "record_id", code: "already_voided" }];
		} catch (_) {
			return [];
		}
	},
};
