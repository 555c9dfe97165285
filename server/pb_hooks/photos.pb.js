/// <reference path="../pb_data/types.d.ts" />

// A retried photo upload (the reply was lost) gets the stored photo back instead of a second copy.
onRecordCreateRequest((e) => {
	let existing = null;
	try {
		existing = e.app.findRecordById("evidence_photos", e.record.id);
	} catch (_) {
		// A new photo.
	}
	if (existing) {
		if (existing.getString("device") !== e.record.getString("device")) {
			throw new BadRequestError("记录不属于本平板 / The record does not belong to this tablet");
		}
		return e.json(200, existing);
	}
	e.next();
}, "evidence_photos");
