import { assessSelfInspection, validateSelfInspection, type InspectionError, type LocalDate, type SelfInspectionInput } from '$lib/domain';
import { liveQuery } from 'dexie';
import type { KitchenDb, SelfInspectionRecord } from '$lib/db/schema';
import { saveCheckedRecord, type Photo, type SaveContext } from './ledger';

/** The only way a self-inspection round enters the tablet: a failed item needs its corrective action. */
export function recordSelfInspection({ input, photo, ...context }: SaveContext & { input: SelfInspectionInput; photo?: Photo }) {
	return saveCheckedRecord<SelfInspectionRecord, InspectionError>({
		context,
		collection: 'self_inspections',
		input,
		errors: validateSelfInspection({ input }),
		eventAt: input.inspected_at,
		derived: { findings: assessSelfInspection({ input }) },
		photo
	});
}

/** Rounds since `from` (the weekly and monthly ones are due once in their week or month). */
export function watchSelfInspectionsSince({ db, canteen, from }: { db: KitchenDb; canteen: string; from: LocalDate }) {
	return liveQuery(() => db.self_inspections.where('[canteen+date]').between([canteen, from], [canteen, '9999-12-31'], true, true).toArray());
}
