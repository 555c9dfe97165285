// 聚餐登记: a registration checked by the shared rule book against the canteen's own day, settings and
// type (a school's gathering keeps rule 32); who registered it is taken from the sign-in.
const rules = require(`${__hooks}/lib/domain.cjs`);
const { rejection } = require(`${__hooks}/lib/messages.js`);
const { parseJson, settingsOf } = require(`${__hooks}/lib/canteen.js`);

function check(e) {
	const record = e.record;
	let canteen;
	try {
		canteen = e.app.findRecordById("canteens", record.getString("canteen"));
	} catch (_) {
		throw rejection([{ field: "canteen", code: "required" }]);
	}
	const settings = settingsOf(canteen);
	const headcount = record.get("headcount");
	const errors = rules.validateGroupMeal({
		input: {
			date: record.getString("date"),
			meal: record.getString("meal"),
			headcount: headcount === null || headcount === undefined || headcount === 0 ? null : Number(headcount),
			occasion: record.getString("occasion"),
			organiser: record.getString("organiser"),
			organiser_phone: record.getString("organiser_phone"),
			dishes: parseJson(record.get("dishes"), []),
			chef: record.getString("chef"),
			samples_kept: record.getBool("samples_kept"),
		},
		today: rules.localDateOf(new Date(), settings.utcOffsetMinutes),
		settings,
		canteenType: canteen.getString("type"),
	});
	if (errors.length > 0) throw rejection(errors);
	const auth = e.auth;
	record.set("registered_by", auth ? auth.getString("name") || auth.email() : "");
}

module.exports = { check };
