import Dexie, { liveQuery } from 'dexie';
import { LEDGER_DEFINITIONS } from '$lib/domain';
import { LEDGERS, type KitchenDb, type LedgerName, type LedgerRecord, type OutboxEntry, type ServerRejection } from '$lib/db/schema';

export interface QueuedRecord {
	entry: OutboxEntry & { seq: number };
	record: LedgerRecord;
}

/** What the server decides for a record of any ledger. */
const SERVER_FIELDS_OF_EVERY_LEDGER = ['late'];

/**
 * The oldest waiting records after `after` (a seq) that belong to one ledger, in the order they were
 * saved: the leading run of the queue, so a batch goes to one ledger's route and the server still sees
 * each tablet's records in order. One read-only transaction, so that it is served before an
 * acknowledgement queued after it (see sync/engine.ts).
 */
export function nextToSend({
	db,
	limit,
	after = 0
}: {
	db: KitchenDb;
	limit: number;
	after?: number;
}): Promise<{ collection: LedgerName; queued: QueuedRecord[] }> {
	return db.transaction('r', [db.outbox, ...LEDGERS.map((name) => db.table(name))], async () => {
		const entries = await db.outbox
			.where('[state+seq]')
			.between(['pending', after], ['pending', Dexie.maxKey], false, true)
			.limit(limit)
			.toArray();
		const collection = entries[0]?.collection ?? 'morning_checks';
		const end = entries.findIndex((entry) => entry.collection !== collection);
		const run = end === -1 ? entries : entries.slice(0, end);
		const records = await db.table<LedgerRecord>(collection).bulkGet(run.map((e) => e.record_id));
		const queued: QueuedRecord[] = [];
		run.forEach((entry, i) => {
			const record = records[i];
			if (record && entry.seq !== undefined) queued.push({ entry: { ...entry, seq: entry.seq }, record });
		});
		return { collection, queued };
	});
}

/**
 * The server has the records: drop them from the outbox and keep the server's verdict. Both in one
 * transaction, so a crash in between can only cause a harmless re-send, never a lost record.
 */
export async function acknowledgeSent({
	db,
	collection,
	sent
}: {
	db: KitchenDb;
	collection: LedgerName;
	sent: { seq: number; id: string; server: Record<string, unknown> }[];
}) {
	const table = db.table<LedgerRecord>(collection);
	await db.transaction('rw', table, db.outbox, async () => {
		await db.outbox.bulkDelete(sent.map((s) => s.seq));
		await table.bulkUpdate(
			sent.map(({ id, server }) => {
				const changes: Record<string, unknown> = { sync: 'synced' };
				for (const field of [...LEDGER_DEFINITIONS[collection].serverSets, ...SERVER_FIELDS_OF_EVERY_LEDGER]) if (server?.[field] !== undefined) changes[field] = server[field];
				return { key: id, changes: changes as Partial<LedgerRecord> };
			})
		);
	});
}

export async function markRefused({
	db,
	collection,
	seq,
	id,
	rejection
}: {
	db: KitchenDb;
	collection: LedgerName;
	seq: number;
	id: string;
	rejection: ServerRejection;
}) {
	const table = db.table<LedgerRecord>(collection);
	await db.transaction('rw', table, db.outbox, async () => {
		await db.outbox.update(seq, { state: 'rejected' });
		await table.update(id, { sync: 'rejected', rejection });
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
