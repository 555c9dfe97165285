import { liveQuery } from 'dexie';
import {
	assessWasteHandover,
	localDateOf,
	validateWasteHandover,
	type CanteenSettings,
	type LocalDate,
	type WasteError,
	type WasteHandoverInput
} from '$lib/domain';
import { newRecordId } from '$lib/db/ids';
import type { KitchenDb, WasteCollectorRecord, WasteHandoverRecord } from '$lib/db/schema';
import { addChained, saveChained, type Photo } from './ledger';

/**
 * The only way a waste hand-over enters the tablet: refused (BLOCK) without the receiver's signature or
 * to a collector whose licence or contract is out of date; saved with the signature in one transaction.
 */
export async function recordWasteHandover({
	db,
	settings,
	canteen,
	device,
	input,
	collector,
	signature
}: {
	db: KitchenDb;
	settings: CanteenSettings;
	canteen: string;
	device: string;
	input: WasteHandoverInput;
	collector: WasteCollectorRecord | undefined;
	signature: Photo | undefined;
}): Promise<{ ok: true; record: WasteHandoverRecord } | { ok: false; errors: WasteError[] }> {
	const day = localDateOf(input.handed_at, settings.utcOffsetMinutes);
	const errors = validateWasteHandover({ input, collector, signed: Boolean(signature), today: day, settings });
	if (errors.length > 0 || !collector || !signature) return { ok: false, errors };
	const { id: _id, canteen: _canteen, version: _version, updated: _updated, ...snapshot } = collector;
	const unchained = {
		...input,
		id: newRecordId(),
		canteen,
		device,
		collector_snapshot: snapshot,
		findings: assessWasteHandover({ collector, today: day, settings }),
		date: day,
		sync: 'pending' as const
	};
	const record = await saveChained(db, (assumed) => addChained<WasteHandoverRecord>(db, 'waste_handovers', unchained, signature, assumed));
	return { ok: true, record };
}

export function watchWasteHandoversOfDay({ db, canteen, date }: { db: KitchenDb; canteen: string; date: LocalDate }) {
	return liveQuery(() => db.waste_handovers.where({ canteen, date }).sortBy('handed_at'));
}
