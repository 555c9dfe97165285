// Purchases as a ledger of the sync route (lib/sync.js), re-checked with the shared rule book
// (app/lib/domain/purchase.ts) against the supplier as the server knows it on the delivery day;
// suppliers are shared data under the version rule.
const rules = require(`${__hooks}/lib/domain.cjs`);
const { instantOf, ofCanteen, parseJson, recordsNamedBy } = require(`${__hooks}/lib/canteen.js`);
const { versioned } = require(`${__hooks}/lib/versioned.js`);

/** A supplier record as the rule book reads it. */
function supplierOf(record) {
	return {
		name: record.getString("name"),
		credit_code: record.getString("credit_code"),
		licence_number: record.getString("licence_number"),
		licence_expires: record.getString("licence_expires"),
		contact: record.getString("contact"),
		phone: record.getString("phone"),
		address: record.getString("address"),
		categories: parseJson(record.get("categories"), []),
		active: record.getBool("active"),
	};
}

/** Request hooks of the suppliers list (purchases.pb.js). */
const supplierHooks = versioned((record) => rules.validateSupplier(supplierOf(record)));

module.exports = {
	supplierHooks,
	name: "purchases",
	inputFields: ["id", "supplier", "delivered_at", "received_by", "lines", "documents", "photo_sha256"],
	prefetch(app, incoming) {
		return { suppliers: recordsNamedBy(app, incoming, "supplier", "suppliers") };
	},
	judge({ record, canteen, settings, context }) {
		const stored = ofCanteen(context.suppliers[record.getString("supplier")], canteen);
		const supplier = stored ? supplierOf(stored) : undefined;
		const deliveredAt = instantOf(record, "delivered_at");
		if (!deliveredAt) return [{ field: "delivered_at", code: "required" }];
		if (!record.getString("received_by").trim()) return [{ field: "received_by", code: "required" }];
		const receivedOn = rules.localDateOf(deliveredAt, settings.utcOffsetMinutes);
		const lines = parseJson(record.get("lines"), []);
		const documents = parseJson(record.get("documents"), []);
		const purchase = { supplier, lines, documents, receivedOn, warnDays: settings.purchase.supplierWarnDays };
		const errors = rules.validatePurchase(purchase);
		if (errors.length > 0) return errors;
		record.set("findings", rules.assessPurchase({ ...purchase, expiryWarnDays: settings.purchase.expiryWarnDays }));
		record.set("supplier_snapshot", supplier);
		record.set("retain_until", rules.retentionUntil({ lines, receivedOn }));
		record.set("date", receivedOn);
		return [];
	},
};
