import { liveQuery } from 'dexie';
import type { LocalDate, WasteCollector, WasteHandoverInput } from '$lib/domain';
import type { KitchenDb, WasteCollectorRecord, WasteHandoverRecord } from '$lib/db/schema';
import { sharedSnapshot } from './canteen';
import { recordEntry, type Photo, type SaveContext } from './ledger';

/**
 * A waste hand-over: refused (BLOCK) without the receiver's signature or to a collector whose licence
 * or contract is out of date; saved with the signature in one transaction.
 */
export function recordWasteHandover({
	input,
	collector,
	signature,
	...context
}: SaveContext & {
	input: WasteHandoverInput;
	collector: WasteCollectorRecord | undefined;
	signature: Photo | undefined;
}) {
	const known = collector ? (sharedSnapshot(collector) as WasteCollector) : null;
	return recordEntry('waste_handovers', { context, input, refs: { collector: known }, photo: signature });
}

export function watchWasteHandoversOfDay({ db, canteen, date }: { db: KitchenDb; canteen: string; date: LocalDate }) {
	return liveQuery(() => db.waste_handovers.where({ canteen, date }).sortBy('handed_at'));
}
