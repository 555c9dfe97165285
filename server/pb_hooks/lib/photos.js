// Evidence photos are uploaded after their records (issue 5). The server trusts nothing the tablet says
// about a photo: it hashes the bytes itself, and the record the photo claims must exist, be this
// tablet's and name exactly that digest in its chained content; a record has one photo.
const rules = require(`${__hooks}/lib/domain.cjs`);
const chain = require(`${__hooks}/lib/chain.js`);
const { describe } = require(`${__hooks}/lib/messages.js`);
const { parseJson } = require(`${__hooks}/lib/canteen.js`);

/**
 * SHA-256 of an uploaded file's bytes. Go's hash through coreutils' sha256sum (3–10 ms for 300 KB):
 * the JS VM has no byte-safe hash, and hashing in JS took 1.6 s a photo here.
 */
function digestOfUpload(file) {
	const reader = file.reader.open();
	try {
		const command = $os.cmd("sha256sum");
		command.stdin = reader;
		return toString(command.output()).slice(0, 64);
	} finally {
		reader.close();
	}
}

function refuse(status, field, code) {
	const { message, data } = describe([{ field, code }]);
	return new ApiError(status, message, { [field]: new ValidationError(data[field].code, data[field].message) });
}

function findOrNull(app, collection, filter, params) {
	try {
		return app.findFirstRecordByFilter(collection, filter, params);
	} catch (_) {
		return null;
	}
}

/** Throws unless the photo being created is what its record says; `device` is the uploading tablet. */
function verifyUpload(e) {
	const photo = e.record;
	const device = e.auth;
	const files = photo.getUnsavedFiles("photo");
	if (files.length !== 1) throw refuse(400, "photo", "required");
	const digest = digestOfUpload(files[0]);
	if (digest !== photo.getString("sha256")) throw refuse(400, "sha256", "photo_digest_mismatch");

	const ledger = photo.getString("ledger");
	const recordId = photo.getString("record_id");
	if (ledger === "staff") {
		// A certificate photographed on a kiosk: a person of this tablet's canteen (a new photo may follow
		// a renewed certificate, so there may be several).
		const person = findOrNull(e.app, "staff", "id = {:id} && canteen = {:canteen}", { id: recordId, canteen: device.getString("canteen") });
		if (!person) throw refuse(400, "record_id", "photo_record_missing");
		return;
	}
	if (!rules.isChainedCollection(ledger)) throw refuse(400, "ledger", "required");

	const other = findOrNull(e.app, "evidence_photos", "ledger = {:ledger} && record_id = {:record}", { ledger, record: recordId });
	if (other) throw refuse(400, "record_id", "photo_exists");

	const stored = findOrNull(e.app, ledger, "id = {:id}", { id: recordId });
	// A refused record keeps its chain place and its photo (the cook corrects it later).
	const refused = stored ? null : findOrNull(e.app, chain.REFUSED, "ledger = {:ledger} && record_id = {:record}", { ledger, record: recordId });
	const owner = stored || refused;
	// Photos follow their records; a photo that overtook its record is tried again by the tablet.
	if (!owner) throw refuse(425, "record_id", "photo_record_missing");
	if (owner.getString("device") !== device.id) throw refuse(403, "record_id", "not_this_device");
	const named = stored ? stored.getString("photo_sha256") : String(parseJson(refused.get("payload"), {}).photo_sha256 || "");
	if (named !== digest) throw refuse(400, "sha256", "photo_digest_mismatch");
}

module.exports = { verifyUpload };
