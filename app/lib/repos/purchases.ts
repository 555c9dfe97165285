import { assessPurchase, localDateOf, validatePurchase, retentionUntil, type PurchaseError, type PurchaseInput } from '$lib/domain';
import type { PurchaseRecord, SupplierRecord } from '$lib/db/schema';
import { sharedSnapshot } from './canteen';
import { saveCheckedRecord, type Photo, type SaveContext } from './ledger';

/**
 * The only way a delivery enters the tablet: refused (BLOCK) when a field, a document or the supplier's
 * licence is missing, goods are expired or nitrite; saved with the photo of the delivery note.
 */
export function recordPurchase({
	input,
	supplier,
	photo,
	...context
}: SaveContext & { input: PurchaseInput; supplier: SupplierRecord | undefined; photo?: Photo }) {
	const { settings } = context;
	const receivedOn = localDateOf(input.delivered_at, settings.utcOffsetMinutes);
	const checked = { supplier, lines: input.lines, documents: input.documents, receivedOn, warnDays: settings.purchase.supplierWarnDays };
	return saveCheckedRecord<PurchaseRecord, PurchaseError>({
		context,
		collection: 'purchases',
		input,
		errors: validatePurchase(checked),
		eventAt: input.delivered_at,
		derived: {
			supplier_snapshot: sharedSnapshot(supplier),
			findings: supplier ? assessPurchase({ ...checked, supplier, expiryWarnDays: settings.purchase.expiryWarnDays }) : [],
			retain_until: retentionUntil({ lines: input.lines, receivedOn })
		},
		photo
	});
}
