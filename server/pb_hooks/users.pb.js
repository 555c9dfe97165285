/// <reference path="../pb_data/types.d.ts" />

// Roles and scopes (issue 13), set by the operator: a regulator reads by district only and holds no
// canteens, so no rule that admits "the canteen's administrators" can ever admit a regulator; the
// district's prefix for the API rules is derived here, never sent.
function normaliseRole(e) {
	const access = require(`${__hooks}/lib/access.js`);
	const user = e.record;
	if (!user.getString("role")) user.set("role", "manager");
	if (user.getString("role") === "regulator") {
		const scope = access.districtScope(user.getString("district"));
		if (!scope) {
			throw new BadRequestError("监管人员须填写 6 位行政区划代码 / A regulator needs a 6-digit district code", {
				district: new ValidationError("validation_required", "6 位行政区划代码 / 6-digit district code"),
			});
		}
		user.set("canteens", []);
		user.set("organisations", []);
		user.set("district_scope", scope);
	} else {
		user.set("district_scope", "");
	}
	e.next();
}
onRecordCreate(normaliseRole, "users");
onRecordUpdate(normaliseRole, "users");
