import { liveQuery } from 'dexie';
import {
	assessMorningCheck,
	checkDate,
	validateMorningCheck,
	type CanteenSettings,
	type FieldError,
	type LocalDate,
	type MorningCheckAssessment,
	type MorningCheckInput,
	type StaffForCheck
} from '$lib/domain';
import { addChained, saveChained, type Photo } from './ledger';
import { newRecordId } from '$lib/db/ids';
import type { KitchenDb, MorningCheckRecord } from '$lib/db/schema';

/** The Performance API entry for saving one check, from the rules to the committed transaction. */
export const SAVE_MEASURE = 'mingchu:save-morning-check';

export type SaveResult = { ok: true; record: MorningCheckRecord } | { ok: false; errors: FieldError[] };

interface Context {
	db: KitchenDb;
	settings: CanteenSettings;
}

type Assessed = { errors: FieldError[] } | { assessment: MorningCheckAssessment; date: LocalDate };

function assess({ settings, input, staff }: { settings: CanteenSettings; input: MorningCheckInput; staff: StaffForCheck }): Assessed {
	const errors = validateMorningCheck({ input, settings });
	if (errors.length > 0) return { errors };
	return { assessment: assessMorningCheck({ input, staff, settings }), date: checkDate(input, settings) };
}

type Unchained = Omit<MorningCheckRecord, 'seq' | 'prev_hash' | 'hash'>;

export { preparePhoto, type Photo } from './ledger';

/**
 * The only way a morning check enters the tablet: the record, its chain place and its outbox entry are
 * written in one transaction, so a check is either saved and queued for upload, or not saved at all.
 */
export async function recordMorningCheck({
	db,
	settings,
	canteen,
	device,
	staff,
	input,
	photo
}: Context & { canteen: string; device: string; staff: StaffForCheck; input: MorningCheckInput; photo?: Photo }): Promise<SaveResult> {
	const started = performance.now();
	const checked = assess({ settings, input, staff });
	if ('errors' in checked) return { ok: false, errors: checked.errors };

	const unchained: Unchained = {
		...input,
		...checked.assessment,
		id: newRecordId(),
		canteen,
		device,
		staff_name: staff.name,
		date: checked.date,
		sync: 'pending'
	};
	const record = await saveChained(db, (assumed) => addChained<MorningCheckRecord>(db, 'morning_checks', unchained, photo, assumed));
	// Read by bench/ (save latency on a real tablet browser); costs nothing measurable.
	performance.measure(SAVE_MEASURE, { start: started });
	return { ok: true, record };
}

/**
 * A check the server refused keeps its place in the chain (the server stored the refusal), so a
 * correction is a new record; the refused one stays visible on the tablet, marked as corrected.
 */
export async function correctRefusedMorningCheck({
	db,
	settings,
	id,
	staff,
	input,
	photo
}: Context & { id: string; staff: StaffForCheck; input: MorningCheckInput; photo?: Photo }): Promise<SaveResult> {
	const checked = assess({ settings, input, staff });
	if ('errors' in checked) return { ok: false, errors: checked.errors };

	const record = await saveChained(db, async (assumed) => {
		const refused = await db.morning_checks.get(id);
		if (!refused || refused.sync !== 'rejected') throw new Error(`morning check ${id} is not a refused record`);
		const corrected = await addChained<MorningCheckRecord>(
			db,
			'morning_checks',
			{
				...input,
				...checked.assessment,
				id: newRecordId(),
				canteen: refused.canteen,
				device: refused.device,
				staff_name: staff.name,
				date: checked.date,
				sync: 'pending'
			},
			photo,
			assumed
		);
		await db.morning_checks.update(id, { sync: 'voided', corrected_by: corrected.id });
		await db.outbox.where('record_id').equals(id).delete();
		return corrected;
	});
	return { ok: true, record };
}

/** Voiding keeps the refused check visible on the tablet but stops it from being sent. */
export async function voidMorningCheck({ db, id, reason }: { db: KitchenDb; id: string; reason: string }) {
	await db.transaction('rw', db.morning_checks, db.outbox, async () => {
		const current = await db.morning_checks.get(id);
		if (!current || current.sync !== 'rejected') throw new Error(`morning check ${id} is not a refused record`);
		await db.morning_checks.update(id, { sync: 'voided', void_reason: reason });
		await db.outbox.where('record_id').equals(id).delete();
	});
}

export function getMorningCheck({ db, id }: { db: KitchenDb; id: string }) {
	return db.morning_checks.get(id);
}

export function watchMorningChecksOfDay({ db, canteen, date }: { db: KitchenDb; canteen: string; date: LocalDate }) {
	return liveQuery(() => db.morning_checks.where({ canteen, date }).sortBy('checked_at'));
}

export function watchRefusedMorningChecks({ db }: { db: KitchenDb }) {
	return liveQuery(() => db.morning_checks.where('sync').equals('rejected').toArray());
}
