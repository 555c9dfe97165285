import { assessDisinfection, validateDisinfection, type DisinfectionError, type DisinfectionInput, type LocalDate } from '$lib/domain';
import type { DisinfectionRecord, KitchenDb } from '$lib/db/schema';
import { saveCheckedRecord, watchRecordsOfDay, type SaveContext } from './ledger';

/**
 * The only way a disinfection run enters the tablet. Below the method's minimum it is saved only with
 * a reason and who accepted it (REASON); the findings are kept with it and shown wherever it appears.
 */
export function recordDisinfection({ input, ...context }: SaveContext & { input: DisinfectionInput }) {
	return saveCheckedRecord<DisinfectionRecord, DisinfectionError>({
		context,
		collection: 'disinfections',
		input,
		errors: validateDisinfection({ input, settings: context.settings }),
		// Filed under the day the run started.
		eventAt: input.started_at,
		derived: { findings: assessDisinfection({ input, settings: context.settings }) }
	});
}

export function watchDisinfectionsOfDay({ db, canteen, date }: { db: KitchenDb; canteen: string; date: LocalDate }) {
	return watchRecordsOfDay<DisinfectionRecord>({ db, collection: 'disinfections', canteen, date, orderBy: 'started_at' });
}
