// A full disk (or a failing one) is the server's trouble, never the record's: the request fails as a
// whole with a clear reason, nothing is stored, and the tablet keeps the record and sends it again
// later. Without this, PocketBase would answer a failed photo write as a 400, which the tablet reads as
// "refused" and sets aside.
const { describe } = require(`${__hooks}/lib/messages.js`);

const STORAGE_TROUBLE = /database or disk is full|SQLITE_FULL|no space left on device|disk I\/O error|read-only file system|disk quota exceeded/i;

function isStorageTrouble(error) {
	return STORAGE_TROUBLE.test(String((error && (error.value || error.message)) || error));
}

/** 507 Insufficient Storage, in both languages. */
function storageTrouble() {
	return new ApiError(507, describe([{ field: "server", code: "server_storage_full" }]).message, {});
}

/** What to throw for `error`: the 507 for a storage failure (logged), anything else as it was. */
function storageError(app, error) {
	if (!isStorageTrouble(error)) return error;
	app.logger().error("storage failure", "error", String(error));
	return storageTrouble();
}

/** Runs `work`, turning a storage failure into the 507. */
function guardStorage(app, work) {
	try {
		return work();
	} catch (error) {
		throw storageError(app, error);
	}
}

module.exports = { guardStorage, storageError };
