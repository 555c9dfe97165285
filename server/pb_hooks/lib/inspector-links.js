// Inspector links: read-only sight of one canteen's ledgers over a date range, for an inspector or a
// parent committee without an account; the token is shown once, the link expires or is revoked, and
// every use is logged for the canteen's managers. Health records are not in it.
const access = require(`${__hooks}/lib/access.js`);
const { log } = require(`${__hooks}/lib/inspections.js`);
const { pbDate } = require(`${__hooks}/lib/canteen.js`);

const TOKEN = /^[A-Za-z0-9]{40}$/;
const LEDGERS = ["food_samples", "meal_closures", "disinfections", "cold_readings", "food_temperatures", "waste_handovers", "additive_uses", "accompanied_meals", "self_inspections", "purchases"];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** POST /api/mingchu/inspector-links {canteen, from, to, days, label} → {id, token} */
function create(e) {
	const body = e.requestInfo().body || {};
	const canteen = access.managedCanteen(e, body.canteen);
	const from = String(body.from || "");
	const to = String(body.to || "");
	const days = Number(body.days || 7);
	if (!DAY.test(from) || !DAY.test(to) || from > to) throw new BadRequestError("请选择有效的日期范围 / Choose a valid date range");
	if (!(days >= 1 && days <= 30)) throw new BadRequestError("有效期 1–30 天 / Valid for 1 to 30 days");
	const token = $security.randomString(40);
	const link = new Record(e.app.findCollectionByNameOrId("inspector_links"));
	link.set("canteen", canteen.id);
	link.set("label", String(body.label || "").slice(0, 100));
	link.set("from", from);
	link.set("to", to);
	link.set("expires_at", pbDate(new Date(Date.now() + Math.floor(days) * 86400000)));
	link.set("token_hash", $security.sha256(token));
	link.set("created_by_name", e.auth ? e.auth.getString("name") || e.auth.email() : "operator");
	link.set("uses", 0);
	e.app.save(link);
	return e.json(200, { id: link.id, token });
}

/** POST /api/mingchu/inspector-links/{id}/revoke */
function revoke(e) {
	let link;
	try {
		link = e.app.findRecordById("inspector_links", e.request.pathValue("id"));
	} catch (_) {
		throw new NotFoundError();
	}
	access.managedCanteen(e, link.getString("canteen"));
	link.set("revoked", true);
	e.app.save(link);
	return e.noContent(204);
}

/** GET /api/mingchu/inspect/{token} — the canteen's ledgers of the link's range, without health data. */
function view(e) {
	const token = e.request.pathValue("token");
	let link = null;
	if (TOKEN.test(token)) {
		const found = e.app.findRecordsByFilter("inspector_links", "token_hash = {:hash}", "", 1, 0, { hash: $security.sha256(token) });
		link = found.length ? found[0] : null;
	}
	if (!link || link.getBool("revoked") || link.getDateTime("expires_at").string() < pbDate(new Date())) {
		throw new NotFoundError("链接无效、已过期或已撤销 / The link is invalid, expired or revoked");
	}
	const canteen = e.app.findRecordById("canteens", link.getString("canteen"));
	const range = { canteen: canteen.id, from: link.getString("from"), to: link.getString("to") };
	const ledgers = {};
	for (const ledger of LEDGERS) {
		ledgers[ledger] = e.app.findRecordsByFilter(ledger, "canteen = {:canteen} && date >= {:from} && date <= {:to}", "date,created", 2000, 0, range).map((record) => {
			const exported = record.publicExport();
			delete exported.device;
			delete exported.prev_hash;
			return exported;
		});
	}
	const voids = e.app.findRecordsByFilter("voids", "canteen = {:canteen}", "", 0, 0, { canteen: canteen.id }).map((v) => ({ record_id: v.getString("record_id"), reason: v.getString("reason"), voided_by: v.getString("voided_by") }));
	// Morning checks as counts per day: how many were checked and how many kept from work.
	const checks = arrayOf(new DynamicModel({ date: "", checked: 0, excluded: 0 }));
	e.app
		.db()
		.newQuery("SELECT date, COUNT(*) AS checked, SUM(CASE WHEN outcome = 'excluded' THEN 1 ELSE 0 END) AS excluded FROM morning_checks WHERE canteen = {:canteen} AND date >= {:from} AND date <= {:to} GROUP BY date ORDER BY date")
		.bind(range)
		.all(checks);
	e.app.db().newQuery("UPDATE inspector_links SET uses = uses + 1 WHERE id = {:id}").bind({ id: link.id }).execute();
	log(e.app, { canteen: canteen.id, kind: "inspector_link", actor: link.id, actorName: link.getString("label"), action: "link_used", ip: e.realIP() });
	return e.json(200, {
		canteen: { name: canteen.getString("name"), type: canteen.getString("type"), licence_number: canteen.getString("licence_number"), address: canteen.getString("address"), settings: canteen.get("settings") },
		from: range.from,
		to: range.to,
		expires_at: link.getString("expires_at"),
		ledgers,
		voids,
		morning_checks: checks.map((row) => ({ date: row.date, checked: row.checked, excluded: row.excluded })),
	});
}

module.exports = { create, revoke, view };
