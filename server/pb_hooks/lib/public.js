// The public face of a canteen (issue 18): what the page behind its QR code, the dining-room display and
// ordering platforms may read, and what the public may say back. Every answer here is built field by
// field from an allowlist: no record is ever returned whole, so a field added to a ledger later (a name,
// a phone) cannot leak through it. tests/integration/public.test.ts walks every answer for personal data.
const rules = require(`${__hooks}/lib/domain.cjs`);
const { parseJson, settingsOf, pbDate } = require(`${__hooks}/lib/canteen.js`);
const { sealKey } = require(`${__hooks}/lib/seal-key.js`);
const { keyOf, forgetPublic } = require(`${__hooks}/lib/public-cache.js`);

const DAY_MS = 86400000;
/** The summary is the same for every parent for a few seconds: computed once, not once per phone. */
const CACHE_MS = 10000;
/** Days shown (today and the 7 before it) and days the index looks back over. */
const SHOWN_DAYS = 8;
const INDEX_DAYS = 30;

function rowsOf(app, sql, params, shape) {
	const rows = arrayOf(new DynamicModel(shape));
	app.db().newQuery(sql).bind(params).all(rows);
	return rows;
}

function findCanteen(app, id) {
	try {
		return app.findRecordById("canteens", String(id || ""));
	} catch (_) {
		throw new NotFoundError();
	}
}

const addDays = (day, n) => new Date(Date.parse(day + "T00:00:00Z") + n * DAY_MS).toISOString().slice(0, 10);

/** Ids voided in these ledgers (a voided record is not shown as kept). */
function voidedIds(app, canteen, from) {
	const voided = {};
	for (const row of rowsOf(app, "SELECT record_id FROM voids WHERE canteen = {:canteen} AND voided_at >= {:from}", { canteen, from: pbDate(new Date(Date.parse(from + "T00:00:00Z") - 2 * DAY_MS)) }, { record_id: "" })) {
		voided[row.record_id] = true;
	}
	return voided;
}

/** Per day: the ledgers' counts from the day summary (lib/ledger-days.js), as the oversight grid reads them. */
function dayCounts(app, canteen, from, to) {
	const days = {};
	const rows = rowsOf(
		app,
		"SELECT ledger, date, records - voided AS kept, excluded_staff AS excluded, flagged FROM ledger_days WHERE canteen = {:canteen} AND date >= {:from} AND date <= {:to}",
		{ canteen, from, to },
		{ ledger: "", date: "", kept: 0, excluded: 0, flagged: 0 },
	);
	for (const row of rows) {
		const day = (days[row.date] = days[row.date] || {});
		day[row.ledger] = { kept: row.kept, excluded: row.excluded, flagged: row.flagged };
	}
	return days;
}

function samplesByDay(app, canteen, from, voided) {
	const byDay = {};
	const samples = app.findRecordsByFilter("food_samples", "canteen = {:canteen} && date >= {:from}", "taken_at", 0, 0, { canteen, from });
	const photographed = {};
	if (samples.length) {
		for (const row of rowsOf(app, "SELECT record_id FROM evidence_photos WHERE ledger = 'food_samples' AND canteen = {:canteen} AND created >= {:since}", { canteen, since: pbDate(new Date(Date.parse(from + "T00:00:00Z") - DAY_MS)) }, { record_id: "" })) {
			photographed[row.record_id] = true;
		}
	}
	for (const sample of samples) {
		if (voided[sample.id]) continue;
		const day = (byDay[sample.getString("date")] = byDay[sample.getString("date")] || {});
		const meal = sample.getString("meal");
		(day[meal] = day[meal] || []).push({ id: sample.id, dish: sample.getString("dish").slice(0, 60), photo: Boolean(photographed[sample.id]) });
	}
	return byDay;
}

/** 原料来源可溯: each day's deliveries by supplier (a business, not a person) and food category. */
function deliveriesByDay(app, canteen, from, voided) {
	const byDay = {};
	for (const purchase of app.findRecordsByFilter("purchases", "canteen = {:canteen} && date >= {:from}", "delivered_at", 0, 0, { canteen, from })) {
		if (voided[purchase.id]) continue;
		const snapshot = parseJson(purchase.get("supplier_snapshot"), {}) || {};
		const supplier = String(snapshot.name || "").slice(0, 100);
		const categories = [];
		for (const line of parseJson(purchase.get("lines"), []) || []) {
			const category = String((line && line.category) || "other");
			if (rules.PURCHASE_CATEGORIES.indexOf(category) >= 0 && categories.indexOf(category) < 0) categories.push(category);
		}
		const documents = (parseJson(purchase.get("documents"), []) || []).filter((d) => d && (String(d.number || "").trim() || d.photographed)).length;
		const day = (byDay[purchase.getString("date")] = byDay[purchase.getString("date")] || []);
		const same = day.find((d) => d.supplier === supplier);
		if (same) {
			for (const category of categories) if (same.categories.indexOf(category) < 0) same.categories.push(category);
			same.documents += documents;
		} else {
			day.push({ supplier, categories, documents });
		}
	}
	return byDay;
}

function seals(app, canteen, from) {
	const byDay = {};
	for (const digest of app.findRecordsByFilter("daily_digests", "canteen = {:canteen} && day >= {:from}", "", 0, 0, { canteen, from })) {
		byDay[digest.getString("day")] = rules.shortSeal(digest.getString("digest"));
	}
	return byDay;
}

function latestSelfInspection(app, canteen, voided) {
	for (const record of app.findRecordsByFilter("self_inspections", "canteen = {:canteen}", "-inspected_at", 5, 0, { canteen })) {
		if (voided[record.id]) continue;
		return { date: record.getString("date"), findings: (parseJson(record.get("findings"), []) || []).length };
	}
	return null;
}

function latestInspection(app, canteen, since) {
	const found = app.findRecordsByFilter("inspections", "canteen = {:canteen} && state = 'finished' && finished_at >= {:since}", "-finished_at", 1, 0, { canteen, since: pbDate(since) });
	if (!found.length) return null;
	return { date: found[0].getDateTime("finished_at").string().slice(0, 10), result: found[0].getString("result") || null };
}

function weekMenu(app, canteen, today) {
	const weekStart = rules.weekStartOf(today);
	const found = app.findRecordsByFilter("menus", "canteen = {:canteen} && week_start = {:week}", "", 1, 0, { canteen, week: weekStart });
	if (!found.length) return null;
	const days = {};
	const stored = parseJson(found[0].get("days"), {}) || {};
	for (const day of Object.keys(stored)) {
		days[day] = {};
		for (const meal of Object.keys(stored[day] || {})) {
			days[day][meal] = (stored[day][meal] || []).map((dish) => ({ name: String(dish.name || "").slice(0, 60), grams: typeof dish.grams === "number" ? dish.grams : null }));
		}
	}
	return { week_start: weekStart, days };
}

function ratingSummary(app, canteen, since) {
	const rows = rowsOf(
		app,
		"SELECT COUNT(*) AS n, COALESCE(AVG(taste), 0) AS taste, COALESCE(AVG(hygiene), 0) AS hygiene, COALESCE(AVG(service), 0) AS service FROM public_ratings WHERE canteen = {:canteen} AND created >= {:since}",
		{ canteen, since: pbDate(since) },
		// 0.5: the averages are read as floats (a whole-number default would be read as an integer).
		{ n: 0, taste: 0.5, hygiene: 0.5, service: 0.5 },
	);
	const row = rows[0] || { n: 0 };
	const round = (value) => Math.round(value * 10) / 10;
	return row.n ? { count: row.n, taste: round(row.taste), hygiene: round(row.hygiene), service: round(row.service) } : { count: 0, taste: null, hygiene: null, service: null };
}

/** Complaints answered in public: what kind, when, and the canteen's answer (never the sender's words or phone). */
function publicReplies(app, canteen) {
	return app.findRecordsByFilter("complaints", "canteen = {:canteen} && reply_public = true", "-replied_at", 10, 0, { canteen }).map((complaint) => ({
		id: complaint.id,
		category: complaint.getString("category"),
		date: complaint.getDateTime("created").string().slice(0, 10),
		reply: complaint.getString("reply"),
		replied_at: complaint.getDateTime("replied_at").string().slice(0, 10),
	}));
}

/** The index's inputs over the last 30 days (app/lib/domain/public-face.ts has the formula). */
function indexInputs(app, canteen, settings, today, now, rating) {
	// From the canteen's first kept day (a canteen that started last week owes no days before it).
	const first = rowsOf(app, "SELECT COALESCE(MIN(date), '') AS first FROM ledger_days WHERE canteen = {:canteen}", { canteen: canteen.id }, { first: "" })[0].first || today;
	const windowStart = addDays(today, -INDEX_DAYS) > first ? addDays(today, -INDEX_DAYS) : first;
	const yesterday = addDays(today, -1);
	const days = windowStart <= yesterday ? Math.round((Date.parse(yesterday) - Date.parse(windowStart)) / DAY_MS) + 1 : 0;
	const required = rules.requiredLedgers(settings);
	let kept = 0;
	if (days > 0 && required.length) {
		const list = required.map((ledger) => `'${ledger}'`).join(",");
		kept = rowsOf(
			app,
			`SELECT COUNT(*) AS n FROM ledger_days WHERE canteen = {:canteen} AND ledger IN (${list}) AND date >= {:from} AND date <= {:to} AND records > voided`,
			{ canteen: canteen.id, from: windowStart, to: yesterday },
			{ n: 0 },
		)[0].n;
	}
	const owed = days * required.length;
	const since = pbDate(new Date(now.getTime() - INDEX_DAYS * DAY_MS));
	const counts = rowsOf(
		app,
		"SELECT (SELECT COUNT(*) FROM alerts WHERE canteen = {:canteen} AND raised_at >= {:since}) AS raised, " +
			"(SELECT COUNT(*) FROM alerts WHERE canteen = {:canteen} AND due_at >= {:since} AND due_at <= {:now}) AS due, " +
			"(SELECT COUNT(*) FROM alerts a WHERE a.canteen = {:canteen} AND a.due_at >= {:since} AND a.due_at <= {:now} AND EXISTS " +
			"(SELECT 1 FROM alert_steps s WHERE s.alert = a.id AND s.action = 'answered' AND s.at <= a.due_at)) AS on_time",
		{ canteen: canteen.id, since, now: pbDate(now) },
		{ raised: 0, due: 0, on_time: 0 },
	)[0];
	const ratingCount = rating.count;
	const average = ratingCount ? (rating.taste + rating.hygiene + rating.service) / 3 : null;
	const inspection = latestInspection(app, canteen.id, new Date(now.getTime() - 365 * DAY_MS));
	return {
		completeness: owed > 0 ? kept / owed : null,
		exceptions: counts.raised,
		days,
		due: counts.due,
		answeredOnTime: counts.on_time,
		inspection: inspection && inspection.result ? inspection.result : null,
		rating: average,
		ratings: ratingCount,
	};
}

/** The canteen's public facts, as its managers keep them. */
function factsOf(canteen) {
	return {
		id: canteen.id,
		name: canteen.getString("name"),
		type: canteen.getString("type"),
		address: canteen.getString("address"),
		licence_number: canteen.getString("licence_number"),
		licence_expires: canteen.getString("licence_expires"),
		grade: canteen.getString("grade"),
		commitment: canteen.getString("commitment"),
		responsible_person: canteen.getString("responsible_person"),
		complaint_phone: canteen.getString("complaint_phone"),
		embed_enabled: canteen.getBool("embed_enabled"),
	};
}

function publicCameras(app, canteen) {
	const video = require(`${__hooks}/lib/video.js`);
	return app.findRecordsByFilter("cameras", "canteen = {:canteen} && public = true", "name", 0, 0, { canteen }).map((camera) => ({
		id: camera.id,
		name: camera.getString("name"),
		area: camera.getString("area"),
		path: video.pathName(camera.id),
		online: camera.getBool("online"),
	}));
}

function buildSummary(app, canteen, now) {
	const settings = settingsOf(canteen);
	const today = rules.localDateOf(now, settings.utcOffsetMinutes);
	const from = addDays(today, -(SHOWN_DAYS - 1));
	const voided = voidedIds(app, canteen.id, from);
	const counts = dayCounts(app, canteen.id, from, today);
	const samples = samplesByDay(app, canteen.id, from, voided);
	const deliveries = deliveriesByDay(app, canteen.id, from, voided);
	const sealed = seals(app, canteen.id, from);
	const days = [];
	for (let i = 0; i < SHOWN_DAYS; i++) {
		const date = addDays(today, -i);
		const count = counts[date] || {};
		const kept = (ledger) => (count[ledger] ? count[ledger].kept : 0);
		const cold = count.cold_readings || { kept: 0, flagged: 0 };
		days.push({
			date,
			morning_checks: { checked: kept("morning_checks"), excluded: count.morning_checks ? count.morning_checks.excluded : 0 },
			samples: samples[date] || {},
			disinfections: kept("disinfections"),
			waste_handovers: kept("waste_handovers"),
			cold_readings: { readings: cold.kept, in_range: Math.max(0, cold.kept - cold.flagged) },
			deliveries: deliveries[date] || [],
			seal: sealed[date] || null,
		});
	}
	// The kitchen's own tally of today's morning check against its active staff (the display's count).
	const staff = rowsOf(app, "SELECT COUNT(*) AS n FROM staff WHERE canteen = {:canteen} AND active = TRUE", { canteen: canteen.id }, { n: 0 })[0].n;
	const rating = ratingSummary(app, canteen.id, new Date(now.getTime() - 90 * DAY_MS));
	const inputs = indexInputs(app, canteen, settings, today, now, rating);
	return Object.assign(factsOf(canteen), {
		today,
		ledgers: { morning_checks: { done: days[0].morning_checks.checked, expected: staff } },
		days,
		self_inspection: latestSelfInspection(app, canteen.id, voided),
		inspection: latestInspection(app, canteen.id, new Date(now.getTime() - 365 * DAY_MS)),
		menu: weekMenu(app, canteen.id, today),
		index: Object.assign(rules.safetyIndex(inputs), { inputs }),
		ratings: rating,
		replies: publicReplies(app, canteen.id),
		cameras: publicCameras(app, canteen.id),
		video: require(`${__hooks}/lib/video.js`).endpoints(app, canteen.id),
	});
}

/**
 * The page's data as JSON, computed at most once per canteen every few seconds (the page, the display
 * and the platforms' JSON all read it; lib/public-cache.js drops it when something it shows changes).
 */
function summaryJson(app, canteen) {
	const key = keyOf(canteen.id);
	const now = Date.now();
	const cached = app.store().get(key);
	if (cached && now - cached.at < CACHE_MS) return cached.body;
	const body = JSON.stringify(buildSummary(app, canteen, new Date(now)));
	app.store().set(key, { at: now, body });
	return body;
}

/** GET /api/mingchu/public/canteens/{id}: the page's data. */
function summary(e) {
	const canteen = findCanteen(e.app, e.request.pathValue("id"));
	// Not kept by browsers: a reload must show a record or an answer made a moment ago (the server's own
	// cache spares it the work when many phones ask at once).
	e.response.header().set("Cache-Control", "no-cache");
	return e.blob(200, "application/json", toBytes(summaryJson(e.app, canteen)));
}

/**
 * GET /api/mingchu/public/canteens/{id}/facts: the small JSON an ordering platform shows next to the
 * shop (the 明厨亮灶 badge): facts, grade, index, whether live video is on, and where to embed it.
 * Open to any origin (a platform's page fetches it); only when the canteen allows embedding.
 */
function facts(e) {
	const canteen = findCanteen(e.app, e.request.pathValue("id"));
	e.response.header().set("Access-Control-Allow-Origin", "*");
	e.response.header().set("Cache-Control", "public, max-age=60");
	if (!canteen.getBool("embed_enabled")) return e.json(404, { message: "该食堂未开放嵌入 / This canteen does not allow embedding" });
	const full = JSON.parse(summaryJson(e.app, canteen));
	// Behind an HTTPS proxy the request arrives as http: the proxy says what the browser used.
	const forwarded = String(e.request.header.get("X-Forwarded-Proto") || "").toLowerCase();
	const scheme = forwarded === "https" || forwarded === "http" ? forwarded : e.request.tls ? "https" : "http";
	const origin = `${scheme}://${e.request.host}`;
	return e.json(200, {
		schema: "mingchu.public-facts/1",
		id: canteen.id,
		name: full.name,
		type: full.type,
		address: full.address,
		licence_number: full.licence_number,
		licence_expires: full.licence_expires,
		grade: full.grade,
		smiley: rules.smileyOf(full.grade),
		index: full.index.score,
		live: full.cameras.some((camera) => camera.online),
		cameras: full.cameras.length,
		page_url: `${origin}/p/${canteen.id}`,
		embed_url: `${origin}/embed/${canteen.id}`,
		updated_at: new Date().toISOString(),
	});
}

/** GET …/samples/{sample}/photo: the photo of a sample kept in the last 8 days (a sealed box, its label). */
function samplePhoto(e) {
	const canteen = findCanteen(e.app, e.request.pathValue("id"));
	let sample;
	try {
		sample = e.app.findRecordById("food_samples", e.request.pathValue("sample"));
	} catch (_) {
		throw new NotFoundError();
	}
	const settings = settingsOf(canteen);
	const today = rules.localDateOf(new Date(), settings.utcOffsetMinutes);
	if (sample.getString("canteen") !== canteen.id || sample.getString("date") < addDays(today, -(SHOWN_DAYS - 1))) throw new NotFoundError();
	const photos = e.app.findRecordsByFilter("evidence_photos", "ledger = 'food_samples' && record_id = {:id}", "", 1, 0, { id: sample.id });
	if (!photos.length) throw new NotFoundError();
	const photo = photos[0];
	const fsys = e.app.newFilesystem();
	try {
		e.response.header().set("Cache-Control", "public, max-age=86400, immutable");
		fsys.serve(e.response, e.request, `${photo.baseFilesPath()}/${photo.getString("photo")}`, "sample.jpg");
	} finally {
		fsys.close();
	}
}

// ---------------------------------------------------------------------------------------------------
// Ratings and complaints

function feedbackKey() {
	return $security.hs256("mingchu-public-feedback", sealKey($app));
}

/** Who sent it, as a keyed hash: enough to count per phone and per address, useless to anyone else. */
function hashOf(kind, value) {
	return $security.hs256(`${kind}:${value}`, feedbackKey());
}

/** GET …/form: a signed token that dates when the form was opened (a person takes seconds to fill it in). */
function formToken(e) {
	const canteen = findCanteen(e.app, e.request.pathValue("id"));
	const token = $security.createJWT({ kind: "feedback", canteen: canteen.id, opened: Date.now() }, feedbackKey(), rules.FEEDBACK_LIMITS.tokenHours * 3600);
	return e.json(200, { token, wait_seconds: rules.FEEDBACK_LIMITS.minFillSeconds });
}

function refuse(status, code, params) {
	const { bilingual } = require(`${__hooks}/lib/messages.js`);
	const message = bilingual("public.refusal", code, params);
	if (status === 429) return new ApiError(429, message, { form: new ValidationError(code, message) });
	return new BadRequestError(message, { form: new ValidationError(code, message) });
}

/** The checks every submission passes: the form's token, time to fill it in, the honeypot, the limits. */
function admit(e, canteen, body, collection) {
	let claims;
	try {
		claims = $security.parseJWT(String(body.token || ""), feedbackKey());
	} catch (_) {
		throw refuse(400, "form_expired");
	}
	if (claims.kind !== "feedback" || claims.canteen !== canteen.id) throw refuse(400, "form_expired");
	if (Date.now() - Number(claims.opened) < rules.FEEDBACK_LIMITS.minFillSeconds * 1000) throw refuse(400, "too_fast");
	const device = String(body.device || "").slice(0, 100);
	const address = e.realIP();
	const deviceHash = hashOf("device", device || address);
	const addressHash = hashOf("address", address);
	const since = pbDate(new Date(Date.now() - DAY_MS));
	const perDevice = collection === "complaints" ? rules.FEEDBACK_LIMITS.complaintsPerDevice : rules.FEEDBACK_LIMITS.ratingsPerDevice;
	const perAddress = collection === "complaints" ? rules.FEEDBACK_LIMITS.complaintsPerAddress : rules.FEEDBACK_LIMITS.ratingsPerAddress;
	const count = (field, value) =>
		rowsOf(e.app, `SELECT COUNT(*) AS n FROM ${collection} WHERE ${field} = {:value} AND created >= {:since}`, { value, since }, { n: 0 })[0].n;
	if (count("device_hash", deviceHash) >= perDevice || count("address_hash", addressHash) >= perAddress) throw refuse(429, "limit");
	return { deviceHash, addressHash, honeypot: String(body.website || "") !== "" };
}

/** POST …/ratings {token, device, taste, hygiene, service, comment}. */
function rate(e) {
	const canteen = findCanteen(e.app, e.request.pathValue("id"));
	const body = e.requestInfo().body || {};
	const input = { taste: Number(body.taste), hygiene: Number(body.hygiene), service: Number(body.service), comment: String(body.comment || "").trim() };
	const errors = rules.validateRating(input);
	if (errors.length) throw require(`${__hooks}/lib/messages.js`).rejection(errors, "public.refusal");
	const who = admit(e, canteen, body, "public_ratings");
	// A robot that filled the hidden field is thanked and forgotten.
	if (who.honeypot) return e.json(200, { ok: true });
	const rating = new Record(e.app.findCollectionByNameOrId("public_ratings"));
	rating.set("canteen", canteen.id);
	for (const aspect of rules.RATING_ASPECTS) rating.set(aspect, input[aspect]);
	rating.set("comment", input.comment);
	rating.set("device_hash", who.deviceHash);
	rating.set("address_hash", who.addressHash);
	e.app.save(rating);
	forgetPublic(e.app, canteen.id);
	return e.json(200, { ok: true });
}

/** The photo's type by its first bytes (the phone's word for it is not enough). */
function imageType(file) {
	const reader = file.reader.open();
	try {
		const head = toBytes(reader, 8);
		if (head[0] === 0xff && head[1] === 0xd8) return "image/jpeg";
		if (head[0] === 0x89 && head[1] === 0x50 && head[2] === 0x4e && head[3] === 0x47) return "image/png";
		return "";
	} finally {
		reader.close();
	}
}

/** POST …/complaints (multipart: token, device, category, text, phone, photo?): a complaint and its alert. */
function complain(e) {
	const canteen = findCanteen(e.app, e.request.pathValue("id"));
	const body = e.requestInfo().body || {};
	const input = { category: String(body.category || ""), text: String(body.text || "").trim(), phone: String(body.phone || "").trim() };
	const errors = rules.validateComplaint(input);
	let files = [];
	try {
		files = e.findUploadedFiles("photo") || [];
	} catch (_) {
		// No photo: it is optional.
	}
	const photo = files.length ? files[0] : null;
	if (photo && (photo.size > 5 * 1024 * 1024 || !imageType(photo))) errors.push({ field: "photo", code: "photo_type" });
	if (errors.length) throw require(`${__hooks}/lib/messages.js`).rejection(errors, "public.refusal");
	const who = admit(e, canteen, body, "complaints");
	if (who.honeypot) return e.json(200, { ok: true });
	const complaint = new Record(e.app.findCollectionByNameOrId("complaints"));
	complaint.set("canteen", canteen.id);
	complaint.set("category", input.category);
	complaint.set("text", input.text);
	complaint.set("phone", input.phone);
	complaint.set("device_hash", who.deviceHash);
	complaint.set("address_hash", who.addressHash);
	if (photo) complaint.set("photo", photo);
	e.app.save(complaint);
	const kind = rules.complaintAlertKind(input.category);
	const { alert } = require(`${__hooks}/lib/alerts.js`).raise(e.app, {
		canteen: canteen.id,
		kind,
		source: "complaint",
		recordCollection: "complaints",
		recordId: complaint.id,
		// The category only: what the sender wrote stays with the complaint, for those who may read it.
		summary: { code: kind, params: { category: input.category } },
		dedupeKey: `complaints:${complaint.id}`,
	});
	complaint.set("alert", alert.id);
	e.app.unsafeWithoutHooks().save(complaint);
	return e.json(200, { ok: true, id: complaint.id });
}

/** After a manager answered a complaint's alert: the answer goes on the complaint, public when they said so. */
function replyToComplaint(app, alert, note, makePublic) {
	let complaint;
	try {
		complaint = app.findRecordById("complaints", alert.getString("record_id"));
	} catch (_) {
		return;
	}
	complaint.set("reply", note);
	complaint.set("reply_public", Boolean(makePublic));
	complaint.set("replied_at", pbDate(new Date()));
	app.save(complaint);
	forgetPublic(app, complaint.getString("canteen"));
}

// ---------------------------------------------------------------------------------------------------
// The managers' side

/**
 * POST /api/mingchu/canteens/{id}/public {address, licence_number, licence_expires, commitment,
 * responsible_person, complaint_phone, embed_enabled, grade?}: the canteen's managers keep its public
 * facts; the quantified grade is the regulator's (or the operator's) to give.
 */
function saveFacts(e) {
	const access = require(`${__hooks}/lib/access.js`);
	const canteen = findCanteen(e.app, e.request.pathValue("id"));
	const manager = e.hasSuperuserAuth() || access.manages(e.auth, canteen);
	const regulator = e.hasSuperuserAuth() || access.oversees(e.auth, canteen);
	if (!manager && !regulator) throw new NotFoundError();
	const body = e.requestInfo().body || {};
	if (manager) {
		const text = (name) => String(body[name] === undefined ? canteen.getString(name) : body[name] || "").trim();
		const input = {
			address: text("address"),
			licence_number: text("licence_number"),
			licence_expires: text("licence_expires"),
			commitment: text("commitment"),
			responsible_person: text("responsible_person"),
			complaint_phone: text("complaint_phone"),
			embed_enabled: body.embed_enabled === undefined ? canteen.getBool("embed_enabled") : body.embed_enabled === true,
		};
		const errors = rules.validatePublicFacts(input);
		if (errors.length) throw require(`${__hooks}/lib/messages.js`).rejection(errors, "public.refusal");
		for (const name of Object.keys(input)) canteen.set(name, input[name]);
	}
	if (body.grade !== undefined) {
		if (!regulator) throw new ForbiddenError("量化等级由监管部门评定 / The grade is given by the regulator");
		const grade = String(body.grade || "");
		if (["", "A", "B", "C"].indexOf(grade) < 0) throw new BadRequestError("grade: A | B | C");
		canteen.set("grade", grade);
	}
	e.app.save(canteen);
	forgetPublic(e.app, canteen.id);
	return e.json(200, factsOf(canteen));
}

module.exports = { summary, facts, samplePhoto, formToken, rate, complain, replyToComplaint, saveFacts, factsOf };
