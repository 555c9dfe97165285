// Staff records from administrators and kiosks are re-checked with the shared rules before they are
// stored, under the version rule of shared data (lib/versioned.js). A PIN arrives as its verifier
// (`pin_verifier`, from an administrator only) and is kept in the hidden `pin_hash`; a change of the
// fields that decide the morning check's verdict is recorded with who made it (staff_changes).
const rules = require(`${__hooks}/lib/domain.cjs`);
const { versioned } = require(`${__hooks}/lib/versioned.js`);
const { rejection } = require(`${__hooks}/lib/messages.js`);
const { parseJson } = require(`${__hooks}/lib/canteen.js`);

/** The canteen's today, for a certificate typed with an issue date after it. */
function todayOf(record) {
	const { settingsOf } = require(`${__hooks}/lib/canteen.js`);
	try {
		return rules.localDateOf(new Date(), settingsOf($app.findRecordById("canteens", record.getString("canteen"))).utcOffsetMinutes);
	} catch (_) {
		return undefined;
	}
}

const checked = versioned((record) =>
	rules.validateStaff({
		name: record.getString("name"),
		role: record.getString("role"),
		food_contact: record.getBool("food_contact"),
		active: record.getBool("active"),
		certificate_number: record.getString("certificate_number"),
		certificate_issued: record.getString("certificate_issued"),
		certificate_expires: record.getString("certificate_expires"),
		pin_hash: record.getString("pin_hash"),
		health_conditions: parseJson(record.get("health_conditions"), []),
	}, todayOf(record)),
);

/** The fields whose every change is kept: they decide whether a person may handle food (rules 10–11). */
const WATCHED = ["food_contact", "certificate_number", "certificate_issued", "certificate_expires", "health_conditions"];

function watchedValues(record) {
	const values = {};
	for (const field of WATCHED) {
		if (field === "food_contact") values[field] = record.getBool(field);
		else if (field === "health_conditions") values[field] = parseJson(record.get(field), []).join(",");
		else values[field] = record.getString(field);
	}
	return values;
}

/** Rules 7–8: whether a person is out is the server's conclusion from the ledgers, never typed. */
function keepExclusion(e, creating) {
	e.record.set("excluded_since", creating ? "" : e.record.original().getString("excluded_since"));
}

function takePin(e) {
	const body = e.requestInfo().body || {};
	const verifier = body.pin_verifier;
	if (verifier !== undefined && verifier !== null && verifier !== "") {
		if (!e.hasSuperuserAuth() && (!e.auth || e.auth.collection().name !== "users")) throw rejection([{ field: "pin", code: "pin_kiosk" }]);
		if (typeof verifier !== "string" || !rules.isNewPinVerifier(verifier)) throw rejection([{ field: "pin", code: "pin_format" }]);
		e.record.set("pin_hash", verifier);
	}
	// Derived, never taken from the request: whether the kiosk will ask this person for a PIN.
	e.record.set("has_pin", e.record.getString("pin_hash") !== "");
}

function recordChanges(e, before) {
	const after = watchedValues(e.record);
	const changes = {};
	for (const field of WATCHED) {
		if (before[field] !== after[field]) changes[field] = [before[field], after[field]];
	}
	if (Object.keys(changes).length === 0) return;
	const auth = e.auth;
	const entry = new Record(e.app.findCollectionByNameOrId("staff_changes"));
	entry.set("canteen", e.record.getString("canteen"));
	entry.set("staff", e.record.id);
	entry.set("by_collection", auth ? auth.collection().name : "_superusers");
	entry.set("by_id", auth ? auth.id : "");
	entry.set("by_name", auth ? auth.getString("name") || auth.email() : "");
	entry.set("changes", changes);
	e.app.save(entry);
}

function onCreateRequest(e) {
	takePin(e);
	keepExclusion(e, true);
	const before = { food_contact: false, certificate_number: "", certificate_issued: "", certificate_expires: "", health_conditions: "" };
	checked.onCreateRequest(e);
	recordChanges(e, before);
}

function onUpdateRequest(e) {
	takePin(e);
	keepExclusion(e, false);
	const before = watchedValues(e.record.original());
	checked.onUpdateRequest(e);
	recordChanges(e, before);
}

/** GET /api/mingchu/kiosk/pins: the PIN verifiers of the kiosk's own canteen, for checking offline. */
function kioskPins(e) {
	const device = e.auth;
	const verifiers = {};
	for (const person of e.app.findRecordsByFilter("staff", "canteen = {:canteen} && pin_hash != ''", "", 0, 0, { canteen: device.getString("canteen") })) {
		verifiers[person.id] = person.getString("pin_hash");
	}
	return e.json(200, { verifiers });
}

module.exports = { onCreateRequest, onUpdateRequest, kioskPins };
