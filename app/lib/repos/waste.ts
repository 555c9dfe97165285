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
import type { KitchenDb, WasteCollectorRecord, WasteHandoverRecord } from '$lib/db/schema';
import { sharedSnapshot } from './canteen';
import { saveCheckedRecord, type Photo } from './ledger';

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
}) {
	const day = localDateOf(input.handed_at, settings.utcOffsetMinutes);
	const errors = validateWasteHandover({ input, collector, signed: Boolean(signature), today: day, settings });
	return saveCheckedRecord<WasteHandoverRecord, WasteError>({
		context: { db, settings, canteen, device },
		collection: 'waste_handovers',
		input,
		errors,
		eventAt: input.handed_at,
		derived: { collector_snapshot: sharedSnapshot(collector), findings: collector ? assessWasteHandover({ collector, today: day, settings }) : [] },
		photo: signature
	});
}

export function watchWasteHandoversOfDay({ db, canteen, date }: { db: KitchenDb; canteen: string; date: LocalDate }) {
	return liveQuery(() => db.waste_handovers.where({ canteen, date }).sortBy('handed_at'));
}
