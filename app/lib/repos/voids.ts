import { liveQuery } from 'dexie';
import type { VoidableLedger } from '$lib/domain';
import type { KitchenDb } from '$lib/db/schema';
import { recordEntry, type SaveContext } from './ledger';

/** Voids a saved record: a chained record of its own; the voided record itself is never changed. */
export function voidRecord({
	ledger,
	recordId,
	reason,
	by,
	at = new Date(),
	...context
}: SaveContext & {
	ledger: VoidableLedger;
	recordId: string;
	reason: string;
	by: string;
	at?: Date;
}) {
	const input = { ledger, record_id: recordId, reason: reason.trim(), voided_by: by, voided_at: at.toISOString() };
	return recordEntry('voids', { context, input, refs: {} });
}

/** The ids of voided records, with their voids, for the screens that list records. */
export function watchVoids({ db }: { db: KitchenDb }) {
	return liveQuery(async () => new Map((await db.voids.toArray()).map((v) => [v.record_id, v])));
}
