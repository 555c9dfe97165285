// The alert loop (预警—核查—处置—反馈), server side: raising an alert once per event, the manager's
// answer, the review, and the cards for overdue ones. Every step is a record in alert_steps with who and
// when; nothing is deleted. Grades, due dates and cards come from app/lib/domain/alerts.ts.
const rules = require(`${__hooks}/lib/domain.cjs`);
const { parseJson, pbDate } = require(`${__hooks}/lib/canteen.js`);
const access = require(`${__hooks}/lib/access.js`);

const SYSTEM = "系统 / system";

function dateOf(record, field) {
	const value = record.getDateTime(field);
	return value.isZero() ? null : new Date(value.string().replace(" ", "T"));
}

function nameOf(auth) {
	if (!auth) return SYSTEM;
	return auth.getString("name") || auth.getString("email") || auth.id;
}

function addStep(app, alert, action, { by, note, doneBy, photo, at }) {
	const step = new Record(app.findCollectionByNameOrId("alert_steps"));
	step.set("alert", alert.id);
	step.set("canteen", alert.getString("canteen"));
	step.set("action", action);
	step.set("by_name", by ? nameOf(by) : SYSTEM);
	step.set("by_id", by ? by.id : "");
	step.set("note", note || "");
	step.set("done_by", doneBy || "");
	if (photo) step.set("photo", photo);
	step.set("at", pbDate(at || new Date()));
	app.save(step);
	return step;
}

/** The operator's grades per kind (collection alert_grades), over the defaults of the rule module. */
function operatorGrades(app) {
	const grades = {};
	for (const row of app.findAllRecords("alert_grades")) grades[row.getString("kind")] = row.getInt("grade");
	return grades;
}

/**
 * Raises an alert unless one with the same key exists (a device's retry, a record synced twice).
 * Returns {alert, duplicate}.
 */
function raise(app, { canteen, kind, source, recordCollection, recordId, summary, dedupeKey, raisedAt, camera, snapshot, dueAt }) {
	const existing = app.findRecordsByFilter("alerts", "dedupe_key = {:key}", "", 1, 0, { key: dedupeKey });
	if (existing.length > 0) return { alert: existing[0], duplicate: true };
	const grade = rules.gradeOf(kind, operatorGrades(app));
	const at = raisedAt || new Date();
	const alert = new Record(app.findCollectionByNameOrId("alerts"));
	alert.set("canteen", canteen);
	alert.set("kind", kind);
	alert.set("grade", grade);
	alert.set("source", source);
	alert.set("record_collection", recordCollection || "");
	alert.set("record_id", recordId || "");
	alert.set("summary", summary || { code: kind, params: {} });
	alert.set("raised_at", pbDate(at));
	alert.set("due_at", pbDate(dueAt || rules.dueAt(at, grade)));
	alert.set("state", "open");
	alert.set("dedupe_key", dedupeKey);
	if (camera) alert.set("camera", camera);
	if (snapshot) alert.set("snapshot", snapshot);
	try {
		app.runInTransaction((tx) => {
			tx.save(alert);
			addStep(tx, alert, "raised", { at });
		});
	} catch (error) {
		// The same event posted twice at once: the unique key lets one through, the other is its duplicate.
		const raced = app.findRecordsByFilter("alerts", "dedupe_key = {:key}", "", 1, 0, { key: dedupeKey });
		if (raced.length > 0) return { alert: raced[0], duplicate: true };
		throw error;
	}
	require(`${__hooks}/lib/webhooks.js`).queue(app, alert, "raised");
	return { alert, duplicate: false };
}

/**
 * When the kitchen knew: the moment the record was written down on the tablet (a tablet that was offline
 * for a day does not win a day to rectify), never later than the server received it.
 */
function knownSince(record) {
	const received = dateOf(record, "received_at") || new Date();
	const entered = dateOf(record, "entered_at");
	return entered && entered.getTime() < received.getTime() ? entered : received;
}

/** onRecordAfterCreateSuccess of the ledgers: an exception of the rule book becomes an alert. */
function fromLedgerRecord(app, record) {
	const ledger = record.collection().name;
	const summary = rules.alertOfLedgerRecord(ledger, {
		outcome: record.getString("outcome"),
		findings: parseJson(record.get("findings"), []),
		reason: record.getString("reason"),
		unit: record.getString("unit"),
		meal: record.getString("meal"),
	});
	if (!summary) return null;
	return raise(app, {
		canteen: record.getString("canteen"),
		kind: summary.code,
		source: "ledger",
		recordCollection: ledger,
		recordId: record.id,
		summary,
		dedupeKey: `${ledger}:${record.id}`,
		raisedAt: knownSince(record),
	});
}

/** A record the server refused at sync (a BLOCK the kiosk should not have let through, or an altered one). */
function fromRefusal(app, refusal) {
	const reasons = parseJson(refusal.get("reasons"), {});
	const codes = Object.keys((reasons && reasons.data) || {}).slice(0, 5).join(",");
	return raise(app, {
		canteen: refusal.getString("canteen"),
		kind: "ledger.refused",
		source: "ledger",
		recordCollection: "refused_submissions",
		recordId: refusal.id,
		summary: { code: "ledger.refused", params: { ledger: refusal.getString("ledger"), fields: codes } },
		dedupeKey: `refused:${refusal.id}`,
	});
}

function findAlert(e) {
	try {
		return e.app.findRecordById("alerts", e.request.pathValue("id"));
	} catch (_) {
		throw new NotFoundError();
	}
}

/** POST /api/mingchu/alerts/{id}/answer (multipart: note, done_by, photo) — the canteen's manager says what was done. */
function answer(e) {
	const alert = findAlert(e);
	const canteen = e.app.findRecordById("canteens", alert.getString("canteen"));
	if (!e.hasSuperuserAuth() && !access.manages(e.auth, canteen)) throw new NotFoundError();
	const body = e.requestInfo().body || {};
	const note = String(body.note || "").trim();
	const doneBy = String(body.done_by || "").trim();
	const errors = {};
	if (!note) errors.note = new ValidationError("validation_required", "请写明整改措施 / Say what was done");
	if (!doneBy) errors.done_by = new ValidationError("validation_required", "请写明整改人 / Say who did it");
	if (Object.keys(errors).length) throw new BadRequestError("请补全整改反馈 / The answer is incomplete", errors);
	if (alert.getString("state") === "closed") throw new BadRequestError("该预警已办结 / This alert is already closed");
	let files = [];
	try {
		files = e.findUploadedFiles("photo") || [];
	} catch (_) {
		// No photo sent: it is optional.
	}
	const photo = files.length ? files[0] : null;
	if (photo && !/^image\/(jpeg|png|webp)$/.test(sniffedType(photo))) {
		throw new BadRequestError("整改照片须为 JPEG/PNG 图片 / The photo must be a JPEG or PNG image", {
			photo: new ValidationError("validation_invalid_mime_type", "JPEG/PNG"),
		});
	}
	e.app.runInTransaction((tx) => {
		alert.set("state", "answered");
		tx.save(alert);
		addStep(tx, alert, "answered", { by: e.auth, note, doneBy, photo });
		// A complaint's answer also goes to the complaint, on the public page when the manager chose so.
		if (alert.getString("source") === "complaint") require(`${__hooks}/lib/public.js`).replyToComplaint(tx, alert, note, body.public === true || body.public === "true");
	});
	return e.json(200, { state: "answered" });
}

/** The file's type by its first bytes, not by what the sender called it. */
function sniffedType(file) {
	const reader = file.reader.open();
	try {
		const head = toBytes(reader, 12);
		if (head[0] === 0xff && head[1] === 0xd8) return "image/jpeg";
		if (head[0] === 0x89 && head[1] === 0x50 && head[2] === 0x4e && head[3] === 0x47) return "image/png";
		if (head[0] === 0x52 && head[1] === 0x49 && head[8] === 0x57 && head[9] === 0x45) return "image/webp";
		return "";
	} finally {
		reader.close();
	}
}

/**
 * POST /api/mingchu/alerts/{id}/review {decision: "accept"|"reopen", note} — the district's regulator for
 * 一类/二类, the canteen's administrators for 三类 (routine supervision).
 */
function review(e) {
	const alert = findAlert(e);
	const canteen = e.app.findRecordById("canteens", alert.getString("canteen"));
	const grade = alert.getInt("grade");
	const allowed = e.hasSuperuserAuth() || (grade <= 2 ? access.oversees(e.auth, canteen) : access.manages(e.auth, canteen));
	if (!allowed) {
		if (access.manages(e.auth, canteen) || access.oversees(e.auth, canteen)) {
			throw new ForbiddenError("一类、二类预警由监管部门验收 / Grade 1 and 2 alerts are accepted by the regulator");
		}
		throw new NotFoundError();
	}
	const body = e.requestInfo().body || {};
	const decision = String(body.decision || "");
	if (decision !== "accept" && decision !== "reopen") throw new BadRequestError("decision: accept | reopen");
	const note = String(body.note || "").trim().slice(0, 2000);
	if (decision === "reopen" && !note) {
		throw new BadRequestError("退回时请说明原因 / Say why it is reopened", { note: new ValidationError("validation_required", "") });
	}
	if (alert.getString("state") !== "answered") {
		throw new BadRequestError("尚未反馈整改，不能验收 / Nothing has been answered yet");
	}
	e.app.runInTransaction((tx) => {
		alert.set("state", decision === "accept" ? "closed" : "open");
		tx.save(alert);
		addStep(tx, alert, decision === "accept" ? "accepted" : "reopened", { by: e.auth, note });
	});
	return e.json(200, { state: alert.getString("state") });
}

/** Cards for alerts not yet accepted past their due time, as of `now` (the hourly job, or a test's clock). */
function escalate(app, now) {
	const late = app.findRecordsByFilter("alerts", "state != 'closed' && due_at != '' && due_at < {:now}", "", 0, 0, { now: pbDate(now) });
	let changed = 0;
	for (const alert of late) {
		const card = rules.cardOf({ state: alert.getString("state"), due_at: dateOf(alert, "due_at"), now });
		const before = alert.getString("card");
		if (!card || card === before || (before === "red" && card === "yellow")) continue;
		app.runInTransaction((tx) => {
			alert.set("card", card);
			tx.save(alert);
			addStep(tx, alert, card === "red" ? "red_card" : "yellow_card", { at: now });
		});
		require(`${__hooks}/lib/webhooks.js`).queue(app, alert, card === "red" ? "red_card" : "yellow_card");
		changed += 1;
	}
	return { checked: late.length, changed };
}

module.exports = { raise, fromLedgerRecord, fromRefusal, answer, review, escalate, addStep };
