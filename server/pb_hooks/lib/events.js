// Events from outside the tablet (issue 13): AI cameras / AI boxes and sensor gateways, each with a token
// its canteen's administrator made for it. The formats are read by app/lib/domain/outside-events.ts; this
// file authenticates, stores and raises the alerts. A bad token, an unknown camera, a snapshot that is
// not an image or too big, or a malformed body gets a clear 4xx and creates nothing.
const rules = require(`${__hooks}/lib/domain.cjs`);
const access = require(`${__hooks}/lib/access.js`);
const alerts = require(`${__hooks}/lib/alerts.js`);
const { settingsOf, pbDate } = require(`${__hooks}/lib/canteen.js`);

const TOKEN = /^mc_([a-z0-9]{15})_([A-Za-z0-9]{40})$/;
const MESSAGES = {
	required: "必填 / Required",
	unknown_kind: "无法识别的事件类型 / Unknown event kind",
	bad_time: "时间格式不正确 / Not a valid time",
	in_future: "时间晚于现在 / The time is in the future",
	too_old: "事件超过 7 天 / The event is more than 7 days old",
	implausible: "读数超出可能范围 / The reading is impossible",
	not_json: "不是有效的 JSON / Not valid JSON",
};

function problem(p) {
	return new BadRequestError(`${p.field}: ${MESSAGES[p.code] || p.code}`, { [p.field]: new ValidationError(p.code, MESSAGES[p.code] || p.code) });
}

/** The device a request's token belongs to, when active and of this kind; 401 otherwise. */
function deviceOf(e, kind) {
	const header = e.request.header.get("Authorization") || "";
	const token = header.startsWith("Bearer ") ? header.slice(7).trim() : String(e.request.url.query().get("token") || "");
	const match = TOKEN.exec(token);
	let device = null;
	if (match) {
		try {
			device = e.app.findRecordById("event_devices", match[1]);
		} catch (_) {
			device = null;
		}
	}
	if (!device || !device.getBool("active") || device.getString("kind") !== kind || !$security.equal(device.getString("token_hash"), $security.sha256(match[2]))) {
		throw new UnauthorizedError("设备令牌无效或已撤销 / The device token is invalid or revoked");
	}
	return device;
}

/** Counts what a device sent, in one statement: devices post at once and retry. */
function count(app, device, field, by) {
	const column = field === "refused" ? "refused" : "accepted";
	app
		.db()
		.newQuery(`UPDATE event_devices SET ${column} = ${column} + {:by}, last_seen_at = {:now} WHERE id = {:id}`)
		.bind({ by: by === undefined ? 1 : by, now: pbDate(new Date()), id: device.id })
		.execute();
}

/** Base64 of a JSON snapshot to bytes (goja has no atob). */
function base64Bytes(text) {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const clean = String(text).replace(/^data:[^,]*,/, "").replace(/[\s=]/g, "");
	if (/[^A-Za-z0-9+/]/.test(clean)) return null;
	const bytes = [];
	let buffer = 0;
	let bits = 0;
	for (let i = 0; i < clean.length; i += 1) {
		buffer = (buffer << 6) | alphabet.indexOf(clean[i]);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			bytes.push((buffer >> bits) & 0xff);
		}
	}
	return bytes;
}

/** A snapshot's bytes as a file for the alert; 413 when too big, 415 when not a JPEG or PNG. */
function snapshotFile(bytes) {
	if (!bytes) return null;
	if (bytes.length > rules.SNAPSHOT_MAX_BYTES) {
		throw new ApiError(413, "抓拍图片超过 2 MB / The snapshot is larger than 2 MB", {});
	}
	const type = rules.imageTypeOf(bytes);
	if (!type) throw new ApiError(415, "抓拍图片须为 JPEG 或 PNG / The snapshot must be a JPEG or PNG image", {});
	return $filesystem.fileFromBytes(bytes, type === "image/png" ? "snapshot.png" : "snapshot.jpg");
}

/** Every part of a multipart body: text parts as strings, file parts as bytes (at most 2 MB + 1). */
function multipartParts(e) {
	e.request.parseMultipartForm(8 << 20);
	const form = e.request.multipartForm;
	const parts = [];
	for (const name of Object.keys(form.value || {})) for (const value of form.value[name]) parts.push({ name, text: value });
	for (const name of Object.keys(form.file || {})) {
		for (const header of form.file[name]) {
			if (header.size > rules.SNAPSHOT_MAX_BYTES) {
				parts.push({ name, tooBig: true });
				continue;
			}
			const reader = header.open();
			try {
				parts.push({ name, bytes: toBytes(reader, rules.SNAPSHOT_MAX_BYTES + 1) });
			} finally {
				reader.close();
			}
		}
	}
	return parts;
}

function textOf(part) {
	return part.text !== undefined ? part.text : toString(part.bytes);
}

/** The camera an event names (our id or its name, or the NVR's channel name), else the device's own. */
function cameraFor(app, device, named) {
	const canteen = device.getString("canteen");
	if (named) {
		const found = app.findRecordsByFilter("cameras", "canteen = {:canteen} && (id = {:named} || name = {:named})", "", 1, 0, { canteen, named });
		if (found.length) return found[0];
		return null;
	}
	const own = device.getString("camera");
	return own ? app.findRecordById("cameras", own) : undefined;
}

/**
 * POST /api/mingchu/events/ai — an AI camera's or box's alarm. Accepts the Hikvision ISAPI HTTP-host
 * notification (multipart: the EventNotificationAlert as XML or JSON, and the snapshot JPEG; or the
 * bare XML/JSON document) and a plain JSON body {kind, camera, time, event_id?, snapshot?(base64)}.
 */
function aiEvent(e) {
	const device = deviceOf(e, "ai_camera");
	const now = new Date();
	const contentType = String(e.request.header.get("Content-Type") || "").toLowerCase();
	let isapi = null;
	let plain = null;
	let snapshotBytes = null;
	try {
		if (contentType.indexOf("multipart/form-data") >= 0) {
			for (const part of multipartParts(e)) {
				if (part.tooBig) throw new ApiError(413, "抓拍图片超过 2 MB / The snapshot is larger than 2 MB", {});
				if (part.bytes && rules.imageTypeOf(part.bytes)) {
					snapshotBytes = snapshotBytes || part.bytes;
					continue;
				}
				const text = textOf(part).trim();
				if (text.startsWith("<")) isapi = isapi || rules.parseIsapiXml(text);
				else if (text.startsWith("{")) {
					const json = JSON.parse(text);
					isapi = isapi || rules.isapiFromJson(json);
					if (!isapi && json.kind) plain = json;
				} else if (part.bytes && (part.name === "snapshot" || /image|picture|jpg|jpeg|png/i.test(part.name))) {
					// A part meant as the picture that is not one: refused, not ignored.
					snapshotFile(part.bytes);
				}
			}
		} else if (contentType.indexOf("xml") >= 0) {
			isapi = rules.parseIsapiXml(toString(e.request.body, 1 << 20));
		} else {
			const body = e.requestInfo().body || {};
			isapi = rules.isapiFromJson(body);
			if (!isapi) plain = body;
		}
	} catch (error) {
		if (error && (error.status === 413 || error.status === 415)) {
			count(e.app, device, "refused");
			throw error;
		}
		count(e.app, device, "refused");
		throw new BadRequestError("无法解析事件内容 / The event body could not be read");
	}

	let kind;
	let named = "";
	let time;
	let eventKey;
	if (isapi) {
		kind = rules.aiKindOf(isapi.eventType);
		// Motion alarms, heartbeats and an event's end are answered 200 so the device does not retry them.
		if (!kind || (isapi.eventState && isapi.eventState !== "active")) {
			count(e.app, device, "accepted");
			return e.json(200, { ignored: true, eventType: isapi.eventType, eventState: isapi.eventState });
		}
		named = isapi.channelName || "";
		const parsed = rules.eventTimeOf(isapi.dateTime, now, "dateTime");
		if (!(parsed instanceof Date)) {
			count(e.app, device, "refused");
			throw problem(parsed);
		}
		time = parsed;
		eventKey = `${isapi.channelID}|${isapi.eventType}|${isapi.dateTime}`;
	} else {
		const parsed = rules.plainAiEventOf(plain, now);
		if (!parsed.kind) {
			count(e.app, device, "refused");
			throw problem(parsed);
		}
		kind = parsed.kind;
		named = parsed.camera;
		time = parsed.time;
		eventKey = parsed.eventId || `${parsed.camera}|${parsed.kind}|${parsed.time.toISOString()}`;
		if (plain.snapshot && !snapshotBytes) {
			snapshotBytes = base64Bytes(plain.snapshot);
			if (!snapshotBytes) {
				count(e.app, device, "refused");
				throw new BadRequestError("snapshot: 不是有效的 Base64 / not valid Base64");
			}
		}
	}
	let camera = cameraFor(e.app, device, named);
	if (camera === null && isapi) camera = cameraFor(e.app, device, "");
	if (camera === null) {
		count(e.app, device, "refused");
		throw new BadRequestError(`未知的摄像头「${named}」/ Unknown camera "${named}"`, { camera: new ValidationError("unknown_camera", named) });
	}
	let snapshot;
	try {
		snapshot = snapshotFile(snapshotBytes);
	} catch (error) {
		count(e.app, device, "refused");
		throw error;
	}
	const aiKind = `ai.${kind}`;
	const { alert, duplicate } = alerts.raise(e.app, {
		canteen: device.getString("canteen"),
		kind: aiKind,
		source: "ai",
		recordCollection: "event_devices",
		recordId: device.id,
		summary: { code: aiKind, params: { camera: camera ? camera.getString("name").slice(0, 60) : "", at: time.toISOString() } },
		dedupeKey: `ai:${device.id}:${$security.sha256(eventKey)}`,
		raisedAt: time,
		camera: camera ? camera.id : "",
		snapshot,
	});
	count(e.app, device, "accepted");
	return e.json(duplicate ? 200 : 201, { alert: alert.id, duplicate });
}

/**
 * POST /api/mingchu/events/sensor {readings: [{sensor, unit, kind, temperature_c, read_at}]} from a
 * sensor gateway. Each reading is kept or refused on its own; out of range raises one alert per sensor
 * until it is closed.
 */
function sensorReadings(e) {
	const device = deviceOf(e, "sensor_gateway");
	const body = e.requestInfo().body || {};
	if (!Array.isArray(body.readings) || body.readings.length === 0 || body.readings.length > 500) {
		count(e.app, device, "refused");
		throw new BadRequestError("readings: 1–500 条读数 / 1 to 500 readings");
	}
	const canteen = e.app.findRecordById("canteens", device.getString("canteen"));
	const settings = settingsOf(canteen);
	const now = new Date();
	const collection = e.app.findCollectionByNameOrId("sensor_readings");
	const results = [];
	let refused = 0;
	for (let index = 0; index < body.readings.length; index += 1) {
		const reading = rules.sensorReadingOf(body.readings[index], now);
		if (!reading.sensor) {
			refused += 1;
			results.push({ index, status: "refused", field: reading.field, error: MESSAGES[reading.code] || reading.code });
			continue;
		}
		const findings =
			reading.kind === "disinfection_cabinet"
				? []
				: rules.assessColdReading({ input: { unit: reading.unit, kind: reading.kind, temperature_c: reading.temperature_c, read_at: "", read_by: "", reason: "", accepted_by: "" }, settings });
		const record = new Record(collection);
		record.set("canteen", canteen.id);
		record.set("gateway", device.id);
		record.set("sensor", reading.sensor);
		record.set("unit", reading.unit);
		record.set("kind", reading.kind);
		record.set("temperature_c", reading.temperature_c);
		record.set("read_at", pbDate(reading.read_at));
		record.set("date", rules.localDateOf(reading.read_at, settings.utcOffsetMinutes));
		record.set("findings", findings);
		try {
			e.app.save(record);
		} catch (_) {
			// The same sensor at the same instant again: a gateway's retry.
			results.push({ index, status: "duplicate" });
			continue;
		}
		results.push({ index, status: "stored", id: record.id });
		if (findings.length) {
			const open = e.app.findRecordsByFilter(
				"alerts",
				"canteen = {:canteen} && kind = 'sensor.out_of_range' && state != 'closed' && record_collection = 'sensor_readings' && summary.params.sensor = {:sensor}",
				"",
				1,
				0,
				{ canteen: canteen.id, sensor: reading.sensor },
			);
			if (!open.length) {
				alerts.raise(e.app, {
					canteen: canteen.id,
					kind: "sensor.out_of_range",
					source: "sensor",
					recordCollection: "sensor_readings",
					recordId: record.id,
					summary: { code: "sensor.out_of_range", params: { sensor: reading.sensor, unit: reading.unit, temperature: reading.temperature_c, min: findings[0].params.min === undefined ? "" : findings[0].params.min, max: findings[0].params.max } },
					dedupeKey: `sensor_readings:${record.id}`,
					raisedAt: reading.read_at,
				});
			}
		}
	}
	count(e.app, device, "refused", refused);
	count(e.app, device, "accepted", results.length - refused);
	return e.json(200, { results, stored: results.filter((r) => r.status === "stored").length, refused });
}

/** Sensors that have not reported for the canteen's setting (default an hour) raise 三类, once a day. */
function silentSensors(app, now) {
	const rows = arrayOf(new DynamicModel({ canteen: "", gateway: "", sensor: "", unit: "", last: "" }));
	app
		.db()
		.newQuery(
			"SELECT r.canteen, r.gateway, r.sensor, MAX(r.unit) AS unit, MAX(r.read_at) AS last FROM sensor_readings r JOIN event_devices d ON d.id = r.gateway WHERE d.active = TRUE GROUP BY r.canteen, r.gateway, r.sensor",
		)
		.all(rows);
	let raised = 0;
	for (const row of rows) {
		const last = new Date(row.last.replace(" ", "T"));
		if (now.getTime() - last.getTime() < 60 * 60000) continue;
		const day = now.toISOString().slice(0, 10);
		const { duplicate } = alerts.raise(app, {
			canteen: row.canteen,
			kind: "sensor.silent",
			source: "sensor",
			recordCollection: "event_devices",
			recordId: row.gateway,
			summary: { code: "sensor.silent", params: { sensor: row.sensor.slice(0, 60), unit: row.unit.slice(0, 60), last: last.toISOString() } },
			dedupeKey: `sensor.silent:${row.gateway}:${row.sensor}:${day}`,
			raisedAt: now,
		});
		if (!duplicate) raised += 1;
	}
	return { sensors: rows.length, raised };
}

/** POST /api/mingchu/event-devices {canteen, name, kind, camera?} → {device, token}: the token is shown once. */
function createDevice(e) {
	const body = e.requestInfo().body || {};
	const canteen = access.managedCanteen(e, body.canteen);
	const name = String(body.name || "").trim().slice(0, 100);
	const kind = String(body.kind || "");
	if (!name) throw new BadRequestError("请填写设备名称 / The device needs a name", { name: new ValidationError("required", MESSAGES.required) });
	if (kind !== "ai_camera" && kind !== "sensor_gateway") throw new BadRequestError("kind: ai_camera | sensor_gateway", { kind: new ValidationError("required", MESSAGES.required) });
	const device = new Record(e.app.findCollectionByNameOrId("event_devices"));
	const secret = $security.randomString(40);
	device.set("canteen", canteen.id);
	device.set("name", name);
	device.set("kind", kind);
	device.set("active", true);
	device.set("token_hash", $security.sha256(secret));
	device.set("token_hint", secret.slice(0, 4));
	if (body.camera) {
		const camera = cameraFor(e.app, device, String(body.camera));
		if (!camera) throw new BadRequestError("未知的摄像头 / Unknown camera", { camera: new ValidationError("unknown_camera", "") });
		device.set("camera", camera.id);
	}
	e.app.save(device);
	return e.json(200, { device: { id: device.id, name, kind, canteen: canteen.id }, token: `mc_${device.id}_${secret}` });
}

/** POST /api/mingchu/event-devices/{id}/revoke — the token stops working at once; its history stays. */
function revokeDevice(e) {
	let device;
	try {
		device = e.app.findRecordById("event_devices", e.request.pathValue("id"));
	} catch (_) {
		throw new NotFoundError();
	}
	access.managedCanteen(e, device.getString("canteen"));
	device.set("active", false);
	device.set("token_hash", "");
	e.app.save(device);
	return e.noContent(204);
}

module.exports = { aiEvent, sensorReadings, silentSensors, createDevice, revokeDevice };
