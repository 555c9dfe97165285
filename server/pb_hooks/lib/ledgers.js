// What only the server does for a ledger of the sync route (lib/sync.js): look up the records a batch
// refers to (one query per batch) and hand them to the judgement in the rule book's shape. The ledgers
// themselves — fields, event time, the judgement both sides run — are defined once in
// app/lib/domain/ledgers.ts.
const rules = require(`${__hooks}/lib/domain.cjs`);
const { instantOf, ofCanteen, parseJson, pbDate, recordsNamedBy } = require(`${__hooks}/lib/canteen.js`);
const { collectorOf } = require(`${__hooks}/lib/waste.js`);
const { supplierOf } = require(`${__hooks}/lib/purchases.js`);
const { registerOf } = require(`${__hooks}/lib/additives.js`);

/** A staff member as the morning check reads them (rules 8–13: food contact, certificate). */
function staffForCheck(staff) {
	return {
		id: staff.id,
		name: staff.getString("name"),
		food_contact: staff.getBool("food_contact"),
		certificate: {
			number: staff.getString("certificate_number"),
			issued: staff.getString("certificate_issued"),
			expires: staff.getString("certificate_expires"),
		},
		health_conditions: parseJson(staff.get("health_conditions"), []),
		excluded_since: instantOf(staff, "excluded_since"),
	};
}

/** The staff of a batch, and their rule-book shape: made once per person and batch, again after a change. */
const staffLookup = {
	prefetch: (app, incoming) => ({ staff: recordsNamedBy(app, incoming, "staff", "staff"), shapes: {} }),
	refs({ input, canteen, context }) {
		const staff = ofCanteen(context.staff[input.staff], canteen);
		if (!staff) return { staff: null };
		if (!context.shapes[staff.id]) context.shapes[staff.id] = staffForCheck(staff);
		return { staff: context.shapes[staff.id] };
	},
};

/** The dishes of a meal that have a sample on the server (voided samples do not count). */
function sampledDishes(app, canteen, date, meal) {
	const samples = app.findAllRecords("food_samples", $dbx.hashExp({ canteen, date, meal }));
	if (samples.length === 0) return [];
	const voided = {};
	for (const v of app.findAllRecords("voids", $dbx.hashExp({ ledger: "food_samples" }), $dbx.in("record_id", ...samples.map((s) => s.id)))) {
		voided[v.getString("record_id")] = true;
	}
	return samples.filter((s) => !voided[s.id]).map((s) => s.getString("dish"));
}

/**
 * Per ledger: prefetch(app, incoming, canteen) once per batch, refs({input, canteen, context, app}), check(…) after
 * the rules, stored({record, input, context, app}) in the same transaction once the record is saved.
 */
const serverSide = {
	morning_checks: {
		...staffLookup,
		// Rules 7–8: an illness that kept the person from food keeps them out until cleared to return.
		stored({ input, judgement, context, app }) {
			const staff = context.staff[input.staff];
			if (!staff || !rules.startsExclusion(judgement.derived.findings || []) || staff.getString("excluded_since")) return;
			// A check that arrives late (a tablet offline for days) after the person was already cleared on
			// another tablet does not put them out again: the clearance came after it.
			const clearedSince = app.findRecordsByFilter("return_clearances", "staff = {:staff} && cleared_at > {:at}", "", 1, 0, { staff: staff.id, at: pbDate(new Date(input.checked_at)) });
			if (clearedSince.length > 0) return;
			staff.set("excluded_since", input.checked_at);
			app.saveNoValidate(staff);
			delete context.shapes[staff.id];
		},
	},
	return_clearances: {
		...staffLookup,
		// Back to work: no longer out, and the listed disease is off the health record.
		stored({ input, context, app }) {
			const staff = context.staff[input.staff];
			staff.set("excluded_since", "");
			staff.set("health_conditions", []);
			app.saveNoValidate(staff);
			delete context.shapes[staff.id];
		},
	},
	sample_disposals: {
		prefetch: (app, incoming) => ({ samples: recordsNamedBy(app, incoming, "sample", "food_samples") }),
		refs({ input, canteen, context }) {
			const sample = ofCanteen(context.samples[input.sample], canteen);
			return { sample: sample ? { taken_at: instantOf(sample, "taken_at") } : null };
		},
	},
	waste_handovers: {
		prefetch: (app, incoming) => ({ collectors: recordsNamedBy(app, incoming, "collector", "waste_collectors") }),
		refs({ input, canteen, context }) {
			const collector = ofCanteen(context.collectors[input.collector], canteen);
			return { collector: collector ? collectorOf(collector) : null };
		},
	},
	purchases: {
		prefetch: (app, incoming) => ({ suppliers: recordsNamedBy(app, incoming, "supplier", "suppliers") }),
		refs({ input, canteen, context }) {
			const supplier = ofCanteen(context.suppliers[input.supplier], canteen);
			return { supplier: supplier ? supplierOf(supplier) : null };
		},
	},
	additive_uses: {
		// 添加剂备案: a use names an additive the canteen has registered.
		prefetch: (app, incoming, canteen) => ({ register: registerOf(app, canteen) }),
		refs: ({ context }) => ({ register: context.register }),
	},
	meal_closures: {
		refs: ({ input, canteen, app }) => ({ sampled: sampledDishes(app, canteen.id, input.date, input.meal) }),
	},
	voids: {
		// The voided record must exist in the canteen, and a record is voided once (also a unique index).
		check({ input, canteen, app }) {
			let target = null;
			try {
				target = app.findRecordById(input.ledger, input.record_id);
			} catch (_) {
				target = null;
			}
			if (!target || target.getString("canteen") !== canteen.id) return [{ field: "record_id", code: "void_target_not_found" }];
			try {
				app.findFirstRecordByFilter("voids", "ledger = {:ledger} && record_id = {:id}", { ledger: input.ledger, id: input.record_id });
				return [{ field: "record_id", code: "already_voided" }];
			} catch (_) {
				return [];
			}
		},
	},
};

/** The ledger `name` of the sync route: its definition and what the server does for it, or null. */
function ledgerOf(name) {
	const definition = rules.ledgerDefinition(name);
	if (!definition) return null;
	const server = serverSide[name] || {};
	return { name, definition, prefetch: server.prefetch, refs: server.refs, check: server.check, stored: server.stored };
}

module.exports = { ledgerOf };
