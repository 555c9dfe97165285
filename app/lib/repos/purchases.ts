import Dexie from 'dexie';
import type { PurchaseInput, PurchaseLine, Supplier } from '$lib/domain';
import type { KitchenDb, SupplierRecord } from '$lib/db/schema';
import { sharedSnapshot } from './canteen';
import { recordEntry, type Photo, type SaveContext } from './ledger';

/**
 * A delivery: refused (BLOCK) when a field, a document or the supplier's licence is missing, goods are
 * expired or nitrite; saved with the photo of the delivery note.
 */
export function recordPurchase({ input, supplier, photo, ...context }: SaveContext & { input: PurchaseInput; supplier: SupplierRecord | undefined; photo?: Photo }) {
	const known = supplier ? (sharedSnapshot(supplier) as Supplier) : null;
	return recordEntry('purchases', { context, input, refs: { supplier: known }, photo });
}

/**
 * The line of the canteen's latest delivery, on this tablet, of the product with this barcode: the
 * product catalogue is what the kitchen has received before (no product database reaches an offline
 * kiosk). A delivery voided as wrong teaches nothing.
 */
/** The goods this canteen received before, most recent first: the ticket reader corrects misread names to these. */
export async function receivedGoodsNames({ db, canteen }: { db: KitchenDb; canteen: string }): Promise<string[]> {
	const deliveries = await db.purchases.where('[canteen+date]').between([canteen, Dexie.minKey], [canteen, Dexie.maxKey]).reverse().limit(RECENT_DELIVERIES).toArray();
	return [...new Set(deliveries.flatMap((delivery) => delivery.lines.map((line) => line.name.trim()).filter(Boolean)))];
}
/** Half a year of daily deliveries from a few suppliers: enough to know the kitchen's goods, quick to read. */
const RECENT_DELIVERIES = 500;

export async function lastLineWithBarcode({ db, canteen, barcode }: { db: KitchenDb; canteen: string; barcode: string }): Promise<PurchaseLine | undefined> {
	const deliveries = await db.purchases.where('[canteen+date]').between([canteen, Dexie.minKey], [canteen, Dexie.maxKey]).toArray();
	const voided = new Set((await db.voids.where('record_id').anyOf(deliveries.map((d) => d.id)).toArray()).map((v) => v.record_id));
	const latestFirst = deliveries.filter((d) => !voided.has(d.id)).sort((a, b) => b.delivered_at.localeCompare(a.delivered_at));
	for (const delivery of latestFirst) {
		const line = delivery.lines.find((candidate) => candidate.barcode === barcode);
		if (line) return line;
	}
	return undefined;
}
