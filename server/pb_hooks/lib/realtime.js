// Live pages and tablets hear that something changed through one topic, `mingchu/changes`, instead of
// subscribing to the collections. PocketBase checks every subscriber of a collection against its API
// rule with a query of its own for every stored record (records × subscribers: the county server's
// biggest cost under load, bench/county). Here a subscriber is filed, when it subscribes, under the
// canteens it may hear of (a tablet: its canteen; a manager: its canteens; a regulator: its district),
// in PocketBase's shared store; a change looks up only that canteen's subscribers and sends them a
// ping without content: the page then reads what changed through the API, under the API rules.
const TOPIC = "mingchu/changes";
const access = require(`${__hooks}/lib/access.js`);

const canteenKey = (id) => `mingchu.rt.c.${id}`;
const scopeKey = (scope) => `mingchu.rt.r.${scope}`;

function idsAt(app, key) {
	const value = app.store().get(key);
	return value ? String(value).split(",") : [];
}

function file(app, key, clientId) {
	app.store().setFunc(key, (old) => {
		const ids = old ? String(old).split(",") : [];
		return ids.indexOf(clientId) >= 0 ? String(old) : [...ids, clientId].join(",");
	});
}

function unfile(app, key, gone) {
	app.store().setFunc(key, (old) => (old ? String(old).split(",").filter((id) => gone.indexOf(id) < 0).join(",") : ""));
}

/** onRealtimeSubscribeRequest with the topic: files the client under what it may hear of. */
function subscribed(app, client, auth) {
	const id = client.id();
	const kind = auth.collection().name;
	if (kind === "devices") return file(app, canteenKey(auth.getString("canteen")), id);
	if (kind !== "users") return;
	if (auth.getString("role") === "regulator") {
		const scope = auth.getString("district_scope");
		if (scope) file(app, scopeKey(scope), id);
		return;
	}
	const canteens = auth.getStringSlice("canteens").slice();
	const organisations = auth.getStringSlice("organisations");
	for (const organisation of organisations) {
		for (const canteen of app.findRecordsByFilter("canteens", "organisation = {:organisation}", "", 0, 0, { organisation })) canteens.push(canteen.id);
	}
	for (const canteen of canteens) file(app, canteenKey(canteen), id);
}

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
	const district = canteen.getString("district");
	const keys = [canteenKey(canteen.id)];
	if (collection === "alerts" && /^\d{6}$/.test(district)) {
		keys.push(scopeKey(`${district}%`), scopeKey(`${district.slice(0, 4)}%`), scopeKey(`${district.slice(0, 2)}%`));
	}
	const data = JSON.stringify({ collection, canteen: canteen.id, id: record.id, device: record.getString("device") });
	const broker = app.subscriptionsBroker();
	for (const key of keys) {
		const gone = [];
		for (const id of idsAt(app, key)) {
			let client;
			try {
				client = broker.clientById(id);
			} catch (_) {
				gone.push(id);
				continue;
			}
			if (!client.hasSubscription(TOPIC)) {
				gone.push(id);
				continue;
			}
			if (hears(client.get("auth"), collection, canteen, record)) client.send(new SubscriptionMessage({ name: TOPIC, data }));
		}
		if (gone.length) unfile(app, key, gone);
	}
}

module.exports = { TOPIC, subscribed, notify };
