// Alerts pushed to group robots (WeCom 企业微信, DingTalk): one delivery record per webhook, alert and
// event; sent by the minute job, retried with back-off (1, 2, 4 … 64 minutes), given up after 8 tries.
const rules = require(`${__hooks}/lib/domain.cjs`);
const access = require(`${__hooks}/lib/access.js`);
const { parseJson, pbDate } = require(`${__hooks}/lib/canteen.js`);

const MAX_ATTEMPTS = 8;

/** Queues the alert's `event` (raised, yellow_card, red_card) for every robot that wants its grade. */
function queue(app, alert, event) {
	const canteen = app.findRecordById("canteens", alert.getString("canteen"));
	const grade = alert.getInt("grade");
	const hooks = app.findRecordsByFilter("webhooks", "active = true && max_grade >= {:grade} && (canteen = {:canteen} || district != '')", "", 0, 0, { grade, canteen: canteen.id });
	const collection = app.findCollectionByNameOrId("webhook_deliveries");
	for (const hook of hooks) {
		if (hook.getString("district") && !access.inScope(access.districtScope(hook.getString("district")), canteen.getString("district"))) continue;
		const delivery = new Record(collection);
		delivery.set("webhook", hook.id);
		delivery.set("alert", alert.id);
		delivery.set("canteen", canteen.id);
		delivery.set("event", event);
		delivery.set("status", "pending");
		delivery.set("attempts", 0);
		delivery.set("next_at", pbDate(new Date()));
		try {
			app.save(delivery);
		} catch (_) {
			// Already queued for this robot.
		}
	}
}

/** The robot's text: who, what, how urgent, by when — the regulator's words, no personal data. */
function messageOf(app, alert, event) {
	const zh = rules.adminZhCN.oversight;
	const canteen = app.findRecordById("canteens", alert.getString("canteen"));
	const kind = alert.getString("kind");
	const title = zh.kind[kind] || zh.kind.other;
	const summary = parseJson(alert.get("summary"), {});
	const params = summary.params || {};
	const when = (value) => new Date(new Date(value.replace(" ", "T")).getTime() + 8 * 3600000).toISOString().slice(0, 16).replace("T", " ");
	const lines = [
		`【明厨${event === "red_card" ? "红牌" : event === "yellow_card" ? "黄牌" : "预警"}】${canteen.getString("name")}`,
		`${title} · ${zh.grade[String(alert.getInt("grade"))]}`,
		`发现：${when(alert.getString("raised_at"))}　整改期限：${when(alert.getString("due_at"))}`,
	];
	if (params.camera) lines.push(`摄像头：${params.camera}`);
	if (params.unit) lines.push(`位置：${params.unit}${params.temperature !== undefined ? `　${params.temperature} ℃` : ""}`);
	return { msgtype: "text", text: { content: lines.join("\n") } };
}

/** Sends what is due at `now`; returns counts. */
function deliver(app, now) {
	const due = app.findRecordsByFilter("webhook_deliveries", "status = 'pending' && next_at <= {:now}", "next_at", 100, 0, { now: pbDate(now) });
	const result = { sent: 0, retried: 0, dead: 0 };
	for (const delivery of due) {
		const hook = app.findRecordById("webhooks", delivery.getString("webhook"));
		const alert = app.findRecordById("alerts", delivery.getString("alert"));
		let status = 0;
		let error = "";
		try {
			const response = $http.send({
				url: hook.getString("url"),
				method: "POST",
				body: JSON.stringify(messageOf(app, alert, delivery.getString("event"))),
				headers: { "content-type": "application/json" },
				timeout: 5,
			});
			status = response.statusCode;
			// Both robots answer 200 with {"errcode":0,…} when they took the message.
			const json = response.json || {};
			if (status !== 200 || (json.errcode !== undefined && json.errcode !== 0)) error = `${status} ${toString(response.body).slice(0, 300)}`;
		} catch (failure) {
			error = String(failure).slice(0, 300);
		}
		const attempts = delivery.getInt("attempts") + 1;
		delivery.set("attempts", attempts);
		delivery.set("last_status", status);
		delivery.set("last_error", error);
		if (!error) {
			delivery.set("status", "sent");
			delivery.set("sent_at", pbDate(now));
			result.sent += 1;
		} else if (attempts >= MAX_ATTEMPTS) {
			delivery.set("status", "dead");
			result.dead += 1;
		} else {
			delivery.set("next_at", pbDate(new Date(now.getTime() + Math.pow(2, attempts - 1) * 60000)));
			result.retried += 1;
		}
		app.save(delivery);
	}
	return result;
}

/** Only https robots, and no address inside the server's own networks, unless the operator sets it. */
function checkUrl(url, byOperator) {
	if (!/^https?:\/\/[^\s]+$/.test(url)) return "url: 须为 https 地址 / must be an https address";
	if (byOperator) return "";
	if (!url.startsWith("https://")) return "url: 须为 https 地址 / must be an https address";
	const host = url.slice(8).split(/[/:?#]/)[0].toLowerCase();
	if (host === "localhost" || /^(127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|169\.254\.|0\.|\[)/.test(host)) {
		return "url: 不能指向内网地址 / must not point into the local network";
	}
	return "";
}

/** POST /api/mingchu/webhooks {canteen | district, url, label, max_grade} → the webhook (address shown as a hint only). */
function create(e) {
	const body = e.requestInfo().body || {};
	const url = String(body.url || "").trim();
	const byOperator = e.hasSuperuserAuth();
	let canteen = "";
	let district = "";
	if (body.district) {
		if (!byOperator) throw new ForbiddenError("区域推送由运维人员设置 / District webhooks are set by the operator");
		district = String(body.district);
		if (!access.districtScope(district)) throw new BadRequestError("district: 6 位行政区划代码 / a 6-digit district code");
	} else {
		canteen = access.managedCanteen(e, body.canteen).id;
	}
	const problem = checkUrl(url, byOperator);
	if (problem) throw new BadRequestError(problem, { url: new ValidationError("invalid_url", problem) });
	const grade = Number(body.max_grade || 3);
	const hook = new Record(e.app.findCollectionByNameOrId("webhooks"));
	hook.set("canteen", canteen);
	hook.set("district", district);
	hook.set("label", String(body.label || "").slice(0, 100));
	hook.set("url", url);
	hook.set("url_hint", url.replace(/([?&]key=)[^&]{4}[^&]*/, "$1…").slice(0, 60));
	hook.set("max_grade", grade >= 1 && grade <= 3 ? Math.floor(grade) : 3);
	hook.set("active", true);
	e.app.save(hook);
	return e.json(200, { id: hook.id, url_hint: hook.getString("url_hint"), max_grade: hook.getInt("max_grade") });
}

/** POST /api/mingchu/webhooks/{id}/deactivate — stops pushing to that robot; its deliveries stay. */
function deactivate(e) {
	let hook;
	try {
		hook = e.app.findRecordById("webhooks", e.request.pathValue("id"));
	} catch (_) {
		throw new NotFoundError();
	}
	if (hook.getString("district")) {
		if (!e.hasSuperuserAuth()) throw new NotFoundError();
	} else {
		access.managedCanteen(e, hook.getString("canteen"));
	}
	hook.set("active", false);
	e.app.save(hook);
	return e.noContent(204);
}

module.exports = { queue, deliver, create, deactivate, messageOf };
