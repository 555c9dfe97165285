// Regulator inspections (日常监督检查): opened by a regulator of the canteen's district, finished with
// the checklist, findings, photos and the rectifications required (each an alert of the loop, due on
// its date). While open, the regulator may see the names behind today's exceptions; each look is logged
// for the canteen's managers.
const access = require(`${__hooks}/lib/access.js`);
const alerts = require(`${__hooks}/lib/alerts.js`);
const { parseJson, settingsOf, pbDate } = require(`${__hooks}/lib/canteen.js`);
const rules = require(`${__hooks}/lib/domain.cjs`);

const RESULTS = ["pass", "rectify", "fail"];

function log(app, { canteen, kind, actor, actorName, action, ip }) {
	const entry = new Record(app.findCollectionByNameOrId("access_log"));
	entry.set("canteen", canteen);
	entry.set("actor_kind", kind);
	entry.set("actor", actor || "");
	entry.set("actor_name", String(actorName || "").slice(0, 200));
	entry.set("action", action);
	entry.set("ip", String(ip || "").slice(0, 60));
	entry.set("at", pbDate(new Date()));
	app.save(entry);
}

function overseenCanteen(e, id) {
	let canteen;
	try {
		canteen = e.app.findRecordById("canteens", String(id || ""));
	} catch (_) {
		throw new NotFoundError();
	}
	if (!access.oversees(e.auth, canteen)) throw new NotFoundError();
	return canteen;
}

/** The inspection when the request is its own inspector's; 404 otherwise. */
function ownInspection(e) {
	let inspection;
	try {
		inspection = e.app.findRecordById("inspections", e.request.pathValue("id"));
	} catch (_) {
		throw new NotFoundError();
	}
	if (!e.auth || inspection.getString("inspector") !== e.auth.id) throw new NotFoundError();
	return inspection;
}

/** POST /api/mingchu/inspections {canteen, kind: onsite|remote} → {id}: an inspection begins. */
function open(e) {
	const body = e.requestInfo().body || {};
	const canteen = overseenCanteen(e, body.canteen);
	const kind = body.kind === "remote" ? "remote" : "onsite";
	const inspection = new Record(e.app.findCollectionByNameOrId("inspections"));
	inspection.set("canteen", canteen.id);
	inspection.set("inspector", e.auth.id);
	inspection.set("inspector_name", e.auth.getString("name") || e.auth.email());
	inspection.set("kind", kind);
	inspection.set("state", "open");
	inspection.set("started_at", pbDate(new Date()));
	e.app.save(inspection);
	log(e.app, { canteen: canteen.id, kind: "regulator", actor: e.auth.id, actorName: inspection.getString("inspector_name"), action: "inspection_opened", ip: e.realIP() });
	return e.json(200, { id: inspection.id });
}

/**
 * GET /api/mingchu/inspections/{id}/staff — while the inspection is open: who works in the canteen,
 * their certificates, and today's morning checks with names. Logged for the canteen's managers.
 */
function staff(e) {
	const inspection = ownInspection(e);
	if (inspection.getString("state") !== "open") throw new ForbiddenError("检查已结束，姓名不再可见 / The inspection is over: names are hidden again");
	const canteen = e.app.findRecordById("canteens", inspection.getString("canteen"));
	const today = rules.localDateOf(new Date(), settingsOf(canteen).utcOffsetMinutes);
	const people = e.app.findRecordsByFilter("staff", "canteen = {:canteen} && active = true", "name", 0, 0, { canteen: canteen.id }).map((person) => ({
		name: person.getString("name"),
		role: person.getString("role"),
		food_contact: person.getBool("food_contact"),
		certificate_expires: person.getString("certificate_expires"),
	}));
	const checks = e.app.findRecordsByFilter("morning_checks", "canteen = {:canteen} && date = {:today}", "checked_at", 0, 0, { canteen: canteen.id, today }).map((check) => ({
		name: check.getString("staff_name"),
		outcome: check.getString("outcome"),
		reasons: parseJson(check.get("findings"), []).map((finding) => finding.code),
	}));
	log(e.app, { canteen: canteen.id, kind: "regulator", actor: e.auth.id, actorName: inspection.getString("inspector_name"), action: "staff_names_viewed", ip: e.realIP() });
	return e.json(200, { today, staff: people, checks });
}

/**
 * POST /api/mingchu/inspections/{id}/finish (multipart: items, findings, result, rectifications as
 * JSON text; photos) — the result is recorded and every rectification becomes an alert due on its day.
 */
function finish(e) {
	const inspection = ownInspection(e);
	if (inspection.getString("state") !== "open") throw new BadRequestError("该检查已结束 / This inspection is already finished");
	const body = e.requestInfo().body || {};
	const items = parseJson(body.items, []);
	const rectifications = parseJson(body.rectifications, []);
	const result = String(body.result || "");
	const errors = {};
	if (RESULTS.indexOf(result) < 0) errors.result = new ValidationError("validation_required", "请选择检查结果 / Choose the result");
	if (!Array.isArray(items) || items.some((item) => !item || typeof item.item !== "string" || !item.item.trim())) errors.items = new ValidationError("validation_invalid", "检查项目无效 / Invalid checklist");
	const canteen = e.app.findRecordById("canteens", inspection.getString("canteen"));
	const today = rules.localDateOf(new Date(), settingsOf(canteen).utcOffsetMinutes);
	const badRectification = !Array.isArray(rectifications) || rectifications.some((r) => !r || !String(r.item || "").trim() || !/^\d{4}-\d{2}-\d{2}$/.test(String(r.due_on || "")) || r.due_on < today);
	if (badRectification) errors.rectifications = new ValidationError("validation_invalid", "整改项须写明内容和不早于今天的期限 / Each rectification needs what and a deadline from today on");
	if (result === "rectify" && Array.isArray(rectifications) && rectifications.length === 0) errors.rectifications = new ValidationError("validation_required", "限期整改须列出整改项 / List what must be rectified");
	if (Object.keys(errors).length) throw new BadRequestError("请补全检查结果 / The inspection is incomplete", errors);
	let photos = [];
	try {
		photos = e.findUploadedFiles("photos") || [];
	} catch (_) {
		photos = [];
	}
	inspection.set("items", items.map((item) => ({ item: String(item.item).slice(0, 200), ok: Boolean(item.ok), note: String(item.note || "").slice(0, 500) })));
	inspection.set("findings", String(body.findings || "").slice(0, 5000));
	inspection.set("result", result);
	inspection.set("rectifications", rectifications.map((r) => ({ item: String(r.item).slice(0, 200), due_on: r.due_on })));
	if (photos.length) inspection.set("photos", photos.slice(0, 10));
	inspection.set("state", "finished");
	inspection.set("finished_at", pbDate(new Date()));
	e.app.save(inspection);
	const offset = settingsOf(canteen).utcOffsetMinutes;
	rectifications.forEach((r, index) => {
		// Due at the end of that day, canteen time.
		const due = new Date(Date.parse(`${r.due_on}T23:59:59Z`) - offset * 60000);
		alerts.raise(e.app, {
			canteen: canteen.id,
			kind: "inspection.rectify",
			source: "inspection",
			recordCollection: "inspections",
			recordId: inspection.id,
			summary: { code: "inspection.rectify", params: { item: String(r.item).slice(0, 60), due_on: r.due_on } },
			dedupeKey: `inspection:${inspection.id}:${index}`,
			dueAt: due,
		});
	});
	return e.json(200, { id: inspection.id, result, rectifications: rectifications.length });
}

module.exports = { open, staff, finish, log };
