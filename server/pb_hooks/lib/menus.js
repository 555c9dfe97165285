// Weekly menus (带量食谱): checked against the canteen's type, which decides whether rule 32's banned
// dishes apply (app/lib/domain/menu.ts).
const rules = require(`${__hooks}/lib/domain.cjs`);
const { parseJson } = require(`${__hooks}/lib/canteen.js`);
const { versioned } = require(`${__hooks}/lib/versioned.js`);

function canteenType(record) {
	try {
		return $app.findRecordById("canteens", record.getString("canteen")).getString("type");
	} catch (_) {
		return "";
	}
}

const menuHooks = versioned((record) =>
	rules.validateMenu({
		menu: { week_start: record.getString("week_start"), days: parseJson(record.get("days"), {}) },
		canteenType: canteenType(record),
	}),
);

module.exports = { menuHooks };
