import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { CHAIN_START, chainText, DEFAULT_SETTINGS } from '$lib/domain';
import { chainHash } from '$lib/db/chain';
import { KitchenDb, type MorningCheckRecord } from '$lib/db/schema';
import { cookForCheck, healthyCheck } from '../../../tests/fixtures/morning-checks';
import { recordMorningCheck } from './morning-checks';

let databases = 0;
const owner = { canteen: 'canteen00000001', device: 'device000000001' };

function save(db: KitchenDb, staff = 'staff0000000001') {
	return recordMorningCheck({
		db,
		settings: DEFAULT_SETTINGS,
		...owner,
		staff: cookForCheck({ id: staff }),
		input: healthyCheck({ staff })
	});
}

function expectLinked(records: MorningCheckRecord[]) {
	let previous = CHAIN_START;
	records.forEach((record, i) => {
		expect(record.seq).toBe(i + 1);
		expect(record.prev_hash).toBe(previous);
		const text = chainText({ collection: 'morning_checks', id: record.id, canteen: record.canteen, device: record.device, link: record, fields: { ...record } });
		expect(record.hash).toBe(chainHash(text));
		previous = record.hash;
	});
}

describe('saving a check gives it the next place in this kiosk’s chain', () => {
	it('numbers checks 1, 2, 3 and links each to the one before', async () => {
		const db = new KitchenDb(`chain-${++databases}`);
		for (let i = 0; i < 3; i++) await save(db);
		expectLinked(await db.morning_checks.orderBy('id').toArray().then((all) => all.sort((a, b) => a.seq - b.seq)));
		expect(await db.chain.get('head')).toMatchObject({ seq: 3 });
	});

	it('never gives two checks saved at the same moment the same number', async () => {
		const db = new KitchenDb(`chain-${++databases}`);
		await Promise.all(Array.from({ length: 8 }, () => save(db)));
		const records = (await db.morning_checks.toArray()).sort((a, b) => a.seq - b.seq);
		expectLinked(records);
		expect(await db.outbox.count()).toBe(8);
	});

	it('notices when another tab of the same tablet saved in between, and takes the next number after it', async () => {
		const name = `chain-${++databases}`;
		const tabA = new KitchenDb(name);
		const tabB = new KitchenDb(name);
		await save(tabA);
		await save(tabB);
		// Tab A still remembers seq 1 as its newest; its next save must come after tab B's.
		await save(tabA);
		const records = (await tabA.morning_checks.toArray()).sort((a, b) => a.seq - b.seq);
		expectLinked(records);
		expect(records.map((r) => r.seq)).toEqual([1, 2, 3]);
	});

	it('chains the checks a tablet of the previous version still had waiting, in the order they were saved', async () => {
		const name = `chain-${++databases}`;
		const old = new Dexie(name);
		old.version(1).stores({ morning_checks: 'id, [canteen+date], sync', staff: 'id, canteen', canteens: 'id', outbox: '++seq, state, [state+seq], record_id' });
		const waiting = ['b', 'a', 'c'].map((letter) => ({ ...healthyCheck({ staff: 'staff0000000001' }), ...owner, id: letter.repeat(15), sync: 'pending' }));
		await old.table('morning_checks').bulkAdd(waiting);
		await old.table('outbox').bulkAdd(waiting.map((w) => ({ collection: 'morning_checks', record_id: w.id, state: 'pending', queued_at: '' })));
		old.close();

		const db = new KitchenDb(name);
		const upgraded = await db.morning_checks.bulkGet(waiting.map((w) => w.id));
		expectLinked(upgraded as MorningCheckRecord[]);
		const next = await save(db);
		expect(next.ok && next.record.seq).toBe(4);
	});
});
