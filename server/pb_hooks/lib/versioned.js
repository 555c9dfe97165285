// Shared data (staff, waste collectors…) can be edited in two places at once: each record carries a
// version, an edit must name the version it was made on, and an edit made on an older version is
// refused (409) so that the second writer sees the newer value instead of silently overwriting it.
const { rejection, describe } = require(`${__hooks}/lib/messages.js`);

/** Request hooks for a versioned collection whose records are checked by `validate` (rule-book errors). */
function versioned(validate) {
	const check = (record) => {
		const errors = validate(record);
		if (errors.length > 0) throw rejection(errors);
	};
	return {
		onCreateRequest(e) {
			check(e.record);
			e.record.set("version", 1);
			e.next();
		},
		onUpdateRequest(e) {
			const current = e.record.original().getInt("version");
			const claimed = (e.requestInfo().body || {}).version;
			if (!e.hasSuperuserAuth() && claimed !== current) {
				const { message, data } = describe([{ field: "version", code: "stale" }]);
				// PocketBase passes on only validation errors as field data.
				throw new ApiError(409, message, { version: new ValidationError(data.version.code, data.version.message) });
			}
			check(e.record);
			e.record.set("version", current + 1);
			e.next();
		},
	};
}

module.exports = { versioned };
