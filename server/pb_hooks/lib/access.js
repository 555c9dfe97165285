// Who may manage or oversee a canteen, for the routes: the same answers the API rules give
// (pb_migrations/1765800000_oversight.js). Managers hold `canteens`; organisation administrators also
// every canteen of their `organisations`; regulators read canteens whose district lies under theirs.

function isUser(auth) {
	return Boolean(auth) && auth.collection().name === "users";
}

function roleOf(auth) {
	return isUser(auth) ? auth.getString("role") || "manager" : "";
}

/** "640502" → "640502%", a city "640500" → "6405%", a province "640000" → "64%"; "" for anything else. */
function districtScope(district) {
	const code = String(district || "");
	if (!/^\d{6}$/.test(code)) return "";
	if (code.endsWith("0000")) return code.slice(0, 2) + "%";
	if (code.endsWith("00")) return code.slice(0, 4) + "%";
	return code + "%";
}

function inScope(scope, district) {
	return scope !== "" && /^\d{6}$/.test(String(district || "")) && String(district).startsWith(scope.slice(0, -1));
}

/** Whether this user manages the canteen (a canteen record): assigned to it, or administers its organisation. */
function manages(auth, canteen) {
	if (!isUser(auth) || roleOf(auth) === "regulator") return false;
	if (auth.getStringSlice("canteens").indexOf(canteen.id) >= 0) return true;
	const organisation = canteen.getString("organisation");
	return organisation !== "" && auth.getStringSlice("organisations").indexOf(organisation) >= 0;
}

/** Whether this user is a regulator whose district holds the canteen. */
function oversees(auth, canteen) {
	return roleOf(auth) === "regulator" && inScope(auth.getString("district_scope"), canteen.getString("district"));
}

/** The canteens a request may read: all for the operator, by role for users. */
function canteensInSight(e) {
	const app = e.app;
	if (e.hasSuperuserAuth()) return app.findAllRecords("canteens");
	const auth = e.auth;
	if (!isUser(auth)) return [];
	if (roleOf(auth) === "regulator") {
		const scope = auth.getString("district_scope");
		if (!scope) return [];
		return app.findRecordsByFilter("canteens", "district ~ {:scope}", "name", 0, 0, { scope });
	}
	const ids = auth.getStringSlice("canteens");
	const organisations = auth.getStringSlice("organisations");
	const found = {};
	for (const canteen of ids.length ? app.findRecordsByIds("canteens", ids) : []) found[canteen.id] = canteen;
	for (const organisation of organisations) {
		for (const canteen of app.findAllRecords("canteens", $dbx.hashExp({ organisation }))) found[canteen.id] = canteen;
	}
	return Object.keys(found)
		.map((id) => found[id])
		.sort((x, y) => (x.getString("name") < y.getString("name") ? -1 : 1));
}

/** The canteen by id when the request manages it; 404 otherwise (an id of another tenant says nothing). */
function managedCanteen(e, canteenId) {
	let canteen;
	try {
		canteen = e.app.findRecordById("canteens", String(canteenId || ""));
	} catch (_) {
		throw new NotFoundError();
	}
	if (!e.hasSuperuserAuth() && !manages(e.auth, canteen)) throw new NotFoundError();
	return canteen;
}

module.exports = { districtScope, inScope, manages, oversees, canteensInSight, managedCanteen, roleOf, isUser };
