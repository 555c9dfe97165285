/// <reference path="../pb_data/types.d.ts" />

// A retried photo upload (the reply was lost, or the network sent the request twice) gets the stored
// photo back instead of a second copy or an error that would make the tablet give up on it. A new one
// must be what its record says it is (lib/photos.js).
onRecordCreateRequest((e) => {
	const stored = () => {
		try {
			return e.app.findRecordById("evidence_photos", e.record.id);
		} catch (_) {
			return null;
		}
	};
	const answer = (existing) => {
		if (existing.getString("device") !== e.record.getString("device")) {
			throw new BadRequestError("记录不属于本平板 / The record does not belong to this tablet");
		}
		return e.json(200, existing);
	};
	const before = stored();
	if (before) return answer(before);
	// Kept on the pooled JS runtime, like the sync route's libs: evaluating the rule bundle (which
	// lib/chain.js reads) on every photo cost about a third of the photo upload rate (bench/kiosk).
	const photos = globalThis.__mingchuPhotos || (globalThis.__mingchuPhotos = require(`${__hooks}/lib/photos.js`));
	photos.verifyUpload(e);
	try {
		e.next();
	} catch (error) {
		// The same upload arriving twice at once: the first one won.
		const raced = stored();
		if (raced) return answer(raced);
		// A full disk is the server's trouble (507, sent again later), not a photo to set aside.
		throw require(`${__hooks}/lib/storage.js`).storageError(e.app, error);
	}
}, "evidence_photos");
