// Live pages and tablets hear that something changed through one topic, `mingchu/changes`, instead of
// subscribing to the collections. PocketBase checks every subscriber of a collection against its API
// rule with a query of its own for every stored record (records × subscribers: the county server's
// biggest cost under load, bench/county); here each change is matched to the subscribers in memory
// (who manages or oversees the canteen, which tablet belongs to it) and sent as a ping without content:
// the page then reads what changed through the API, under the API rules.
const TOPIC = "mingchu/changes";
const access = require(`${__hooks}/lib/access.js`);

/** Whether this signed-in client hears of a change to `record` of `collection` in `canteen`. */
function hears(auth, collection, canteen, record) {
	if (!auth) return false;
	const kind = auth.collection().name;
	if (kind === "devices") {
		// A tablet: its own canteen's checks (from its other tablets) and staff.
		return auth.getBool("active") && auth.getString("canteen") === canteen.id && (collection === "morning_checks" || collection === "staff");
	}
	if (kind !== "users") return false;
	if (access.manages(auth, canteen)) return true;
	// A regulator: the alerts its district sees (alerts' API rule: grade 1–2, or a complaint overdue).
	if (collection === "alerts" && access.oversees(auth, canteen)) {
		return record.getInt("grade") <= 2 || (record.getString("source") === "complaint" && record.getString("card") !== "");
	}
	return false;
}

/** onRecordAfter…Success of a watched collection: a ping to the subscribers who may read it. */
function notify(app, record) {
	const collection = record.collection().name;
	let canteen;
	try {
		canteen = app.findRecordById("canteens", record.getString("canteen"));
	} catch (_) {
		return;
	}
	const data = JSON.stringify({ collection, canteen: canteen.id, id: record.id, device: record.getString("device") });
	for (const chunk of app.subscriptionsBroker().chunkedClients(500)) {
		for (const client of chunk) {
			if (!client.hasSubscription(TOPIC)) continue;
			if (!hears(client.get("auth"), collection, canteen, record)) continue;
			client.send(new SubscriptionMessage({ name: TOPIC, data }));
		}
	}
}

module.exports = { TOPIC, notify };
