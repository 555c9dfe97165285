import Dexie, { liveQuery } from 'dexie';
import type { KitchenDb, MorningCheckRecord, OutboxEntry, ServerRejection } from '$lib/db/schema';

export interface QueuedRecord {
	entry: OutboxEntry & { seq: number };
	record: MorningCheckRecord;
}

/**
 * The oldest waiting records after `after` (a seq), in the order they were saved. One read-only
 * transaction, so that it is served before an acknowledgement queued after it (see sync/engine.ts).
 */
export function nextToSend({ db, limit, after = 0 }: { db: KitchenDb; limit: number; after?: number }): Promise<QueuedRecord[]> {
	return db.transaction('r', db.outbox, db.morning_checks, async () => {
		const entries = await db.outbox
			.where('[state+seq]')
			.between(['pending', after], ['pending', Dexie.maxKey], false, true)
			.limit(limit)
			.toArray();
		const records = await db.morning_checks.bulkGet(entries.map((e) => e.record_id));
		const queued: QueuedRecord[] = [];
		entries.forEach((entry, i) => {
			const record = records[i];
			if (record && entry.seq !== undefined) queued.push({ entry: { ...entry, seq: entry.seq }, record });
		});
		return queued;
	});
}

/**
 * The server has the records: drop them from the outbox and keep the server's verdict. Both in one
 * transaction, so a crash in between can only cause a harmless re-send, never a lost record.
 */
export async function acknowledgeSent({
	db,
	sent
}: {
	db: KitchenDb;
	sent: { seq: number; id: string; server: Partial<MorningCheckRecord> }[];
}) {
	await db.transaction('rw', db.morning_checks, db.outbox, async () => {
		await db.outbox.bulkDelete(sent.map((s) => s.seq));
		await db.morning_checks.bulkUpdate(
			sent.map(({ id, server: { outcome, findings, symptoms, staff_name } }) => ({
				key: id,
				changes: {
					sync: 'synced' as const,
					...(outcome ? { outcome } : {}),
					...(findings ? { findings } : {}),
					...(symptoms ? { symptoms } : {}),
					...(staff_name ? { staff_name } : {})
				}
			}))
		);
	});
}

export async function markRefused({ db, seq, id, rejection }: { db: KitchenDb; seq: number; id: string; rejection: ServerRejection }) {
	await db.transaction('rw', db.morning_checks, db.outbox, async () => {
		await db.outbox.update(seq, { state: 'rejected' });
		await db.morning_checks.update(id, { sync: 'rejected', rejection });
	});
}

export function countWaiting({ db }: { db: KitchenDb }) {
	return db.outbox.where('state').equals('pending').count();
}

export function watchOutboxCounts({ db }: { db: KitchenDb }) {
	return liveQuery(async () => ({
		// A photo not yet on the server is as much "not synced" as a record.
		waiting: (await db.outbox.where('state').equals('pending').count()) + (await db.photos.where('state').equals('pending').count()),
		refused: (await db.outbox.where('state').equals('rejected').count()) + (await db.photos.where('state').equals('rejected').count())
	}));
}
