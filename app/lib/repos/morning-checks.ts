import { liveQuery } from 'dexie';
import { judgeRecord, type FieldError, type LocalDate, type MorningCheckInput, type StaffForCheck } from '$lib/domain';
import { addChained, recordEntry, saveChained, type Photo, type SaveContext, type SaveResult } from './ledger';
import { newRecordId } from '$lib/db/ids';
import type { KitchenDb, MorningCheckRecord } from '$lib/db/schema';

/** The Performance API entry for saving one check, from the rules to the committed transaction. */
export const SAVE_MEASURE = 'mingchu:save-morning-check';

export { preparePhoto, type Photo } from './ledger';

/**
 * A morning check: the record, its chain place and its outbox entry are written in one transaction, so
 * a check is either saved and queued for upload, or not saved at all.
 */
export async function recordMorningCheck({ staff, input, photo, ...context }: SaveContext & { staff: StaffForCheck; input: MorningCheckInput; photo?: Photo }) {
	const started = performance.now();
	const result = await recordEntry('morning_checks', { context, input, refs: { staff }, photo });
	// Read by bench/ (save latency on a real tablet browser); costs nothing measurable.
	if (result.ok) performance.measure(SAVE_MEASURE, { start: started });
	return result;
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
}: Omit<SaveContext, 'canteen' | 'device'> & { id: string; staff: StaffForCheck; input: MorningCheckInput; photo?: Photo }): Promise<SaveResult<MorningCheckRecord, FieldError>> {
	const { errors, derived } = judgeRecord('morning_checks', input, { settings, refs: { staff }, photo: photo !== undefined });
	if (errors.length > 0) return { ok: false, errors };

	const record = await saveChained(db, async (assumed) => {
		const refused = await db.morning_checks.get(id);
		if (!refused || refused.sync !== 'rejected') throw new Error(`morning check ${id} is not a refused record`);
		const unchained = { ...input, ...derived, id: newRecordId(), canteen: refused.canteen, device: refused.device, sync: 'pending' } as Omit<MorningCheckRecord, 'seq' | 'prev_hash' | 'hash'>;
		const corrected = await addChained<MorningCheckRecord>(db, 'morning_checks', unchained, photo, assumed);
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
