import { liveQuery } from 'dexie';
import {
	assessColdReading,
	localDateOf,
	validateColdReading,
	type CanteenSettings,
	type ColdError,
	type ColdReadingInput,
	type LocalDate
} from '$lib/domain';
import { newRecordId } from '$lib/db/ids';
import type { ColdReadingRecord, KitchenDb } from '$lib/db/schema';
import { saveNewRecord } from './ledger';

/** The only way a fridge or freezer reading enters the tablet; out of range needs its REASON. */
export async function recordColdReading({
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
	input: ColdReadingInput;
}): Promise<{ ok: true; record: ColdReadingRecord } | { ok: false; errors: ColdError[] }> {
	const errors = validateColdReading({ input, settings });
	if (errors.length > 0) return { ok: false, errors };
	const unchained = {
		...input,
		id: newRecordId(),
		canteen,
		device,
		findings: assessColdReading({ input, settings }),
		date: localDateOf(input.read_at, settings.utcOffsetMinutes),
		sync: 'pending' as const
	};
	const record = await saveNewRecord<ColdReadingRecord>(db, 'cold_readings', unchained);
	return { ok: true, record };
}

export function watchColdReadingsOfDay({ db, canteen, date }: { db: KitchenDb; canteen: string; date: LocalDate }) {
	return liveQuery(() => db.cold_readings.where({ canteen, date }).sortBy('read_at'));
}
