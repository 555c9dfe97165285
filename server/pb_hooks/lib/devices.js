// Kiosk enrolment: an administrator creates a kiosk and gets a one-time code; the tablet trades the
// code once for its own secret, with which it can sign in again whenever it is online. A school's edge
// video box (collection `edges`, lib/edge.js) is made and enrolled the same way, through the same door.

// No 0/O or 1/I/L: the code is read off a screen and typed with wet hands.
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const CODE_TTL_MS = 24 * 3600 * 1000;

function normaliseCode(code) {
	return String(code || "").toUpperCase().replace(/[^A-Z0-9]/g, "");
}

function pbDate(ms) {
	return new Date(ms).toISOString().replace("T", " ");
}

function requireCanteenAdmin(e, canteenId) {
	const access = require(`${__hooks}/lib/access.js`);
	let canteen = null;
	try {
		canteen = e.app.findRecordById("canteens", String(canteenId || ""));
	} catch (_) {}
	if (!canteen || !access.manages(e.auth, canteen)) {
		throw new ForbiddenError("只能管理分配给您的食堂 / You can only manage your own canteens");
	}
}

/** POST /api/mingchu/devices {canteen, name} → {device, code}; POST /api/mingchu/edges for an edge box. */
function create(e, collection = "devices") {
	const body = e.requestInfo().body;
	const canteenId = String(body.canteen || "");
	const name = String(body.name || "").trim();
	requireCanteenAdmin(e, canteenId);
	if (!name) {
		throw new BadRequestError("请填写平板名称 / The tablet needs a name", {
			name: new ValidationError("required", "必填 / Required"),
		});
	}

	const raw = $security.randomStringWithAlphabet(8, CODE_ALPHABET);
	const device = new Record(e.app.findCollectionByNameOrId(collection));
	device.set("name", name);
	device.set("canteen", canteenId);
	device.set("active", true);
	const kind = collection === "edges" ? "edge" : "kiosk";
	device.setEmail(`${kind}-${$security.randomStringWithAlphabet(12, "abcdefghijklmnopqrstuvwxyz0123456789")}@${kind}.invalid`);
	// Nobody knows this password: the tablet receives its own when it enrols.
	device.setPassword($security.randomString(40));
	device.set("enrol_code_hash", $security.sha256(raw));
	device.set("enrol_expires", pbDate(Date.now() + CODE_TTL_MS));
	e.app.save(device);

	return e.json(200, {
		device: { id: device.id, name, canteen: canteenId },
		code: `${raw.slice(0, 4)}-${raw.slice(4)}`,
	});
}

/**
 * POST /api/mingchu/enrol {code} → {device, email, secret, collection}; the code works once. A tablet's
 * code gives a `devices` sign-in, an edge box's an `edges` one (rate-limited as one door).
 */
function enrol(e) {
	const body = e.requestInfo().body;
	const code = normaliseCode(body.code);
	let device = null;
	if (code.length === 8) {
		for (const collection of ["devices", "edges"]) {
			try {
				device = e.app.findFirstRecordByData(collection, "enrol_code_hash", $security.sha256(code));
				break;
			} catch (_) {
				device = null;
			}
		}
	}
	const expired = device && device.getDateTime("enrol_expires").string() < pbDate(Date.now());
	if (!device || expired || !device.getBool("active")) {
		throw new BadRequestError("绑定码无效或已过期 / The enrolment code is invalid or has expired", {
			code: new ValidationError("invalid_code", "绑定码无效或已过期 / Invalid or expired code"),
		});
	}

	const secret = $security.randomString(48);
	device.setPassword(secret);
	device.set("enrol_code_hash", "");
	device.set("enrolled_at", pbDate(Date.now()));
	e.app.save(device);

	return e.json(200, {
		device: { id: device.id, name: device.getString("name"), canteen: device.getString("canteen") },
		email: device.email(),
		secret,
		collection: device.collection().name,
	});
}

/**
 * POST /api/mingchu/devices/{id}/deactivate: an administrator switches off a lost or stolen tablet of
 * their canteen; its sign-in ends at once (devices.pb.js) and it cannot sign in again.
 */
function deactivate(e, collection = "devices") {
	let device;
	try {
		device = e.app.findRecordById(collection, e.request.pathValue("id"));
	} catch (_) {
		throw new NotFoundError();
	}
	requireCanteenAdmin(e, device.getString("canteen"));
	if (device.getBool("active")) {
		device.set("active", false);
		e.app.save(device);
	}
	return e.noContent(204);
}

/** GET /api/mingchu/edges?canteen=: the canteen's edge boxes, for its administrators (no API rule reaches them). */
function listEdges(e) {
	const canteenId = String(e.requestInfo().query.canteen || "");
	requireCanteenAdmin(e, canteenId);
	const edges = e.app.findRecordsByFilter("edges", "canteen = {:canteen}", "-created", 0, 0, { canteen: canteenId });
	return e.json(
		200,
		edges.map((edge) => ({
			id: edge.id,
			name: edge.getString("name"),
			active: edge.getBool("active"),
			enrolled_at: edge.getString("enrolled_at"),
			seen_at: edge.getString("seen_at"),
			lan_host: edge.getString("lan_host"),
		})),
	);
}

module.exports = { create, enrol, deactivate, listEdges };
