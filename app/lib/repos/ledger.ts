import { liveQuery } from 'dexie';
import { addDaysTo, judgeRecord, localDateOf, type CanteenSettings, type ErrorOf, type InputOf, type LocalDate, type RefsOf } from '$lib/domain';
import { chainLinkAfter, photoDigest } from '$lib/db/chain';
import { newRecordId } from '$lib/db/ids';
import { LEDGERS, type KitchenDb, type LedgerName, type LedgerRecord, type LedgerRecords, type PullCursor } from '$lib/db/schema';

// The one write path of every ledger: a record gets the kiosk's next chain place and is written with
// its outbox entry (and its photo) in one transaction.

/** An evidence photo, already shrunk, with its digest. */
export interface Photo {
	bytes: ArrayBuffer;
	type: string;
	sha256: string;
}

/** Reads and hashes a photo before the save transaction (hashing is async; the transaction must not wait). */
export async function preparePhoto(blob: Blob): Promise<Photo> {
	const bytes = await blob.arrayBuffer();
	return { bytes, type: blob.type || 'image/jpeg', sha256: await photoDigest(bytes) };
}

/** The chain head this tablet last wrote, per database: lets a save skip one IndexedDB round trip. */
const lastHeads = new WeakMap<KitchenDb, { seq: number; hash: string }>();

/** Another save (another tab, or one at the same moment) moved the head first: try again from it. */
class ChainHeadMoved extends Error {}

/**
 * Gives the record the kiosk's next chain place and writes it with its outbox entry. Must run inside a
 * transaction over morning_checks, outbox, chain and photos, so that two saves can never take the same
 * number. With an `assumed` head, the head is read in the same round trip as the writes and the
 * transaction is aborted (ChainHeadMoved) if it was not the assumed one.
 */
export async function addChained<R extends LedgerRecord>(
	db: KitchenDb,
	collection: LedgerName,
	unchained: Omit<R, 'seq' | 'prev_hash' | 'hash'>,
	photo?: Photo,
	assumed?: { seq: number; hash: string }
): Promise<R> {
	// Each awaited request waits for an answer from the browser's IndexedDB thread, and after a tap that
	// answer is delivered only after the next painted frame: one round trip instead of two saves ~5 ms.
	const read = assumed ? undefined : await db.chain.get('head');
	const head = assumed ?? read;
	const photoId = photo ? newRecordId() : undefined;
	// Written down now, whatever time the cook gave for the event itself (补录 when far apart).
	const entered = { entered_at: new Date().toISOString(), ...unchained };
	const withPhoto = photo ? { ...entered, photo_sha256: photo.sha256, photo_id: photoId } : entered;
	const link = chainLinkAfter(head, { collection, record: withPhoto });
	const record = { ...withPhoto, ...link } as R;
	const [current] = await Promise.all([
		// Issued first, so it sees the head before this transaction's own write.
		assumed ? db.chain.get('head') : Promise.resolve(read),
		db.table(collection).add(record),
		db.outbox.add({
			collection,
			record_id: record.id,
			state: 'pending',
			queued_at: new Date().toISOString()
		}),
		db.chain.put({ id: 'head', seq: link.seq, hash: link.hash }),
		photo && photoId
			? db.photos.add({
					id: photoId,
					canteen: record.canteen,
					device: record.device,
					ledger: collection,
					record_id: record.id,
					sha256: photo.sha256,
					type: photo.type,
					bytes: photo.bytes,
					size: photo.bytes.byteLength,
					state: 'pending',
					queued_at: new Date().toISOString()
				})
			: undefined
	]);
	if (assumed && (current?.seq !== assumed.seq || current?.hash !== assumed.hash)) throw new ChainHeadMoved();
	return record;
}

/** Runs a chained save, from the remembered head when there is one; remembers the new head after commit. */
export async function saveChained<R extends LedgerRecord>(
	db: KitchenDb,
	write: (assumed?: { seq: number; hash: string }) => Promise<R>
): Promise<R> {
	// Every ledger's table: a save may also touch another ledger's record (a correction voids one).
	const stores = [...LEDGERS.map((name) => db.table(name)), db.outbox, db.chain, db.photos];
	let record: R;
	try {
		record = await db.transaction('rw', stores, () => write(lastHeads.get(db)));
	} catch (error) {
		lastHeads.delete(db);
		if (!(error instanceof ChainHeadMoved)) throw error;
		record = await db.transaction('rw', stores, () => write());
	}
	lastHeads.set(db, { seq: record.seq, hash: record.hash });
	return record;
}


/** Saves a new record (without a photo) in its ledger and the tablet's chain: the one-line form of the above. */
export function saveNewRecord<R extends LedgerRecord>(db: KitchenDb, collection: LedgerName, unchained: Omit<R, 'seq' | 'prev_hash' | 'hash'>) {
	return saveChained(db, (assumed) => addChained<R>(db, collection, unchained, undefined, assumed));
}

/**
 * Records other tablets made reach this one through the server, with the pull cursor in the same
 * transaction; a local record not yet confirmed by the server is never overwritten.
 */
export async function applyServerRecords<R extends LedgerRecord>({
	db,
	collection,
	rows,
	cursor
}: {
	db: KitchenDb;
	collection: LedgerName;
	rows: R[];
	cursor?: PullCursor;
}) {
	const table = db.table<R>(collection);
	await db.transaction('rw', table, db.cursors, async () => {
		const existing = await table.bulkGet(rows.map((r) => r.id));
		const fresh = rows.filter((_, i) => {
			const local = existing[i];
			return !local || local.sync === 'synced';
		});
		await table.bulkPut(fresh.map((r) => ({ ...r, sync: 'synced' as const })));
		if (cursor) await db.cursors.put(cursor);
	});
}

/** Who is saving: the tablet's database, the canteen's rules, and this kiosk. */
export interface SaveContext {
	db: KitchenDb;
	settings: CanteenSettings;
	canteen: string;
	device: string;
}

export type SaveResult<R, E> = { ok: true; record: R } | { ok: false; errors: E[] };

/**
 * The one way a ledger record enters the tablet: judged by its ledger's definition (the same judgement
 * the server makes on arrival), refused with the reasons (nothing is written), or saved with what the
 * rules derived (findings, the day it is filed under…) in the kiosk's chain, with its outbox entry and
 * its evidence photo, in one transaction.
 */
export async function recordEntry<L extends LedgerName>(
	ledger: L,
	{
		context,
		input,
		refs,
		photo
	}: {
		context: SaveContext;
		input: InputOf<L>;
		/** The referenced records in the rule book's shape, as this tablet has them. */
		refs: RefsOf<L>;
		/** Evidence kept with the record (a photo, a signature), in the same transaction. */
		photo?: Photo;
	}
): Promise<SaveResult<LedgerRecords[L], ErrorOf<L>>> {
	const { db, settings, canteen, device } = context;
	const { errors, derived } = judgeRecord(ledger, input, { settings, refs, photo: photo !== undefined });
	if (errors.length > 0) return { ok: false, errors };
	const unchained = { ...input, ...derived, id: newRecordId(), canteen, device, sync: 'pending' as const } as unknown as Omit<LedgerRecords[L], 'seq' | 'prev_hash' | 'hash'>;
	return { ok: true, record: await saveChained(db, (assumed) => addChained<LedgerRecords[L]>(db, ledger, unchained, photo, assumed)) };
}

/** A day's records of a ledger filed by date, in time order, as they change. */
export function watchRecordsOfDay<R extends LedgerRecord>({
	db,
	collection,
	canteen,
	date,
	orderBy
}: {
	db: KitchenDb;
	collection: LedgerName;
	canteen: string;
	date: LocalDate;
	orderBy: string;
}) {
	return liveQuery(() => db.table<R>(collection).where({ canteen, date }).sortBy(orderBy));
}

/**
 * What a kiosk ledger page lists for `date`: the day's records, and records written down that day for
 * an earlier day (补录), so that a cook back-filling last week's sheet sees what was just saved. The
 * today screen counts only the day's own records (watchRecordsOfDay).
 */
export function watchRecordsShownOn<R extends LedgerRecord>({
	db,
	collection,
	canteen,
	date,
	orderBy,
	utcOffsetMinutes
}: {
	db: KitchenDb;
	collection: LedgerName;
	canteen: string;
	date: LocalDate;
	orderBy: string;
	utcOffsetMinutes: number;
}) {
	return liveQuery(async () => {
		const rows = await db
			.table<R>(collection)
			.where('[canteen+date]')
			.between([canteen, addDaysTo(date, -31)], [canteen, date], true, true)
			.toArray();
		const shown = rows.filter((r) => ('date' in r && r.date === date) || (r.entered_at && localDateOf(r.entered_at, utcOffsetMinutes) === date));
		const key = (r: R) => String((r as unknown as Record<string, unknown>)[orderBy]);
		return shown.sort((a, b) => key(a).localeCompare(key(b)));
	});
}
