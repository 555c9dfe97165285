import { liveQuery } from 'dexie';
import {
	assessDisinfection,
	localDateOf,
	validateDisinfection,
	type CanteenSettings,
	type DisinfectionError,
	type DisinfectionInput,
	type LocalDate
} from '$lib/domain';
import { newRecordId } from '$lib/db/ids';
import type { DisinfectionRecord, KitchenDb } from '$lib/db/schema';
import { saveNewRecord } from './ledger';

/**
 * The only way a disinfection run enters the tablet. Below the method's minimum it is saved only with
 * a reason and who accepted it (REASON); the findings are kept with it and shown wherever it appears.
 */
export async function recordDisinfection({
	db,
	settings,
	canteen,
	device,
	input
}: {
	db: KitchenDb;
	settings: CanteenSettings;
	canteen: string;
	device: string;
	input: DisinfectionInput;
}): Promise<{ ok: true; record: DisinfectionRecord } | { ok: false; errors: DisinfectionError[] }> {
	const errors = validateDisinfection({ input, settings });
	if (errors.length > 0) return { ok: false, errors };
	const unchained = {
		...input,
		id: newRecordId(),
		canteen,
		device,
		findings: assessDisinfection({ input, settings }),
		date: localDateOf(input.started_at, settings.utcOffsetMinutes),
		sync: 'pending' as const
	};
	const record = await saveNewRecord<DisinfectionRecord>(db, 'disinfections', unchained);
	return { ok: true, record };
}

export function watchDisinfectionsOfDay({ db, canteen, date }: { db: KitchenDb; canteen: string; date: LocalDate }) {
	return liveQuery(() => db.disinfections.where({ canteen, date }).sortBy('started_at'));
}
