import { assessSelfInspection, validateSelfInspection, type InspectionError, type LocalDate, type SelfInspectionInput } from '$lib/domain';
import type { KitchenDb, SelfInspectionRecord } from '$lib/db/schema';
import { saveCheckedRecord, watchRecordsOfDay, type Photo, type SaveContext } from './ledger';

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

export function watchSelfInspectionsOfDay({ db, canteen, date }: { db: KitchenDb; canteen: string; date: LocalDate }) {
	return watchRecordsOfDay<SelfInspectionRecord>({ db, collection: 'self_inspections', canteen, date, orderBy: 'inspected_at' });
}
