import { assessColdReading, validateColdReading, type ColdError, type ColdReadingInput, type LocalDate } from '$lib/domain';
import type { ColdReadingRecord, KitchenDb } from '$lib/db/schema';
import { saveCheckedRecord, watchRecordsOfDay, type SaveContext } from './ledger';

/** The only way a fridge or freezer reading enters the tablet; out of range needs its REASON. */
export function recordColdReading({ input, ...context }: SaveContext & { input: ColdReadingInput }) {
	return saveCheckedRecord<ColdReadingRecord, ColdError>({
		context,
		collection: 'cold_readings',
		input,
		errors: validateColdReading({ input, settings: context.settings }),
		eventAt: input.read_at,
		derived: { findings: assessColdReading({ input, settings: context.settings }) }
	});
}

export function watchColdReadingsOfDay({ db, canteen, date }: { db: KitchenDb; canteen: string; date: LocalDate }) {
	return watchRecordsOfDay<ColdReadingRecord>({ db, collection: 'cold_readings', canteen, date, orderBy: 'read_at' });
}
