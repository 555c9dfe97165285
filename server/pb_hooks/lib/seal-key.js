// The key the server's seals and daily digests are made with (HMAC-SHA256). It lives in a file of the
// data directory, outside the database: someone who can write data.db but not read this file cannot
// re-seal a record after changing it. A backup of the data directory carries it along, so a restored
// server verifies its ledger (README, Security).
let cached = "";

function keyPath(app) {
	return `${app.dataDir()}/seal.key`;
}

/** Reads the key, creating it (readable by the service alone) on a new install or at the upgrade. */
function sealKey(app) {
	if (cached) return cached;
	if (!app) throw new Error("the seal key has not been read yet");
	try {
		cached = toString($os.readFile(keyPath(app))).trim();
	} catch (_) {
		cached = "";
	}
	if (!cached) {
		cached = $security.randomString(64);
		$os.writeFile(keyPath(app), cached, 0o600);
	}
	return cached;
}

module.exports = { sealKey };
