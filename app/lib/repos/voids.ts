import { liveQuery } from 'dexie';
import { validateVoid, type VoidableLedger, type VoidError } from '$lib/domain';
import { newRecordId } from '$lib/db/ids';
import type { KitchenDb, VoidRecord } from '$lib/db/schema';
import { saveNewRecord } from './ledger';

/** Voids a saved record: a chained record of its own; the voided record itself is never changed. */
export async function voidRecord({
	db,
	canteen,
	device,
	ledger,
	recordId,
	reason,
	by,
	at = new Date()
}: {
	db: KitchenDb;
	canteen: string;
	device: string;
	ledger: VoidableLedger;
	recordId: string;
	reason: string;
	by: string;
	at?: Date;
}): Promise<{ ok: true; record: VoidRecord } | { ok: false; errors: VoidError[] }> {
	const input = { ledger, record_id: recordId, reason: reason.trim(), voided_by: by, voided_at: at.toISOString() };
	const errors = validateVoid(input);
	if (errors.length > 0) return { ok: false, errors };
	const record = await saveNewRecord<VoidRecord>(db, 'voids', { ...input, id: newRecordId(), canteen, device, sync: 'pending' });
	return { ok: true, record };
}

/** The ids of voided records, with their voids, for the screens that list records. */
export function watchVoids({ db }: { db: KitchenDb }) {
	return liveQuery(async () => new Map((await db.voids.toArray()).map((v) => [v.record_id, v])));
}
