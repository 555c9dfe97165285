import { liveQuery } from 'dexie';
import type { KitchenDb, MorningCheckRecord, OutboxEntry, ServerRejection } from '$lib/db/schema';

export interface QueuedRecord {
	entry: OutboxEntry & { seq: number };
	record: MorningCheckRecord;
}

/** The oldest waiting records, in the order they were saved. */
export async function nextToSend({ db, limit }: { db: KitchenDb; limit: number }): Promise<QueuedRecord[]> {
	const entries = (await db.outbox.where('state').equals('pending').sortBy('seq')).slice(0, limit);
	const records = await db.morning_checks.bulkGet(entries.map((e) => e.record_id));
	const queued: QueuedRecord[] = [];
	entries.forEach((entry, i) => {
		const record = records[i];
		if (record && entry.seq !== undefined) queued.push({ entry: { ...entry, seq: entry.seq }, record });
	});
	return queued;
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
		for (const { id, server } of sent) {
			const { outcome, findings, symptoms, staff_name } = server;
			await db.morning_checks.update(id, {
				sync: 'synced',
				...(outcome ? { outcome } : {}),
				...(findings ? { findings } : {}),
				...(symptoms ? { symptoms } : {}),
				...(staff_name ? { staff_name } : {})
			});
		}
	});
}

export async function markRefused({ db, seq, id, rejection }: { db: KitchenDb; seq: number; id: string; rejection: ServerRejection }) {
	await db.transaction('rw', db.morning_checks, db.outbox, async () => {
		await db.outbox.update(seq, { state: 'rejected' });
		await db.morning_checks.update(id, { sync: 'rejected', rejection });
	});
}

export async function noteAttempt({ db, seqs }: { db: KitchenDb; seqs: number[] }) {
	await db.outbox.where('seq').anyOf(seqs).modify((entry) => {
		entry.attempts += 1;
	});
}

export function countWaiting({ db }: { db: KitchenDb }) {
	return db.outbox.where('state').equals('pending').count();
}

export function watchOutboxCounts({ db }: { db: KitchenDb }) {
	return liveQuery(async () => ({
		waiting: await db.outbox.where('state').equals('pending').count(),
		refused: await db.outbox.where('state').equals('rejected').count()
	}));
}
