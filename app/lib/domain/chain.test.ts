import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chainHash } from '$lib/db/chain';
import { CHAIN_START, chainText, verifyChain, type ChainEntry } from './chain';

const base = {
	collection: 'morning_checks' as const,
	id: 'abc123abc123abc',
	canteen: 'canteen00000001',
	device: 'device000000001',
	link: { seq: 1, prev_hash: CHAIN_START }
};
const check = {
	staff: 'staff0000000001',
	checked_at: '2026-11-22T00:30:00.000Z',
	temperature: 36.5,
	symptoms: ['cough'],
	hands_ok: true,
	attire_ok: true,
	jewellery_nails_ok: true,
	correction: '',
	checked_by: '王建国'
};

describe('the text a record is hashed over', () => {
	it('is the same whether the kiosk or PocketBase wrote the record', () => {
		const kiosk = chainText({ ...base, fields: { ...check, sync: 'pending', outcome: 'fit' } });
		// PocketBase writes instants with a space, adds fever from the temperature, and returns keys in another order.
		const server = chainText({
			...base,
			fields: { ...Object.fromEntries(Object.entries(check).reverse()), checked_at: '2026-11-22 00:30:00.000Z', symptoms: ['fever', 'cough'], temperature: 36.5 }
		});
		expect(server).toBe(kiosk);
	});

	it('changes when anything the cook entered changes, or the record moves in the chain', () => {
		const original = chainText({ ...base, fields: check });
		expect(chainText({ ...base, fields: { ...check, temperature: 36.6 } })).not.toBe(original);
		expect(chainText({ ...base, fields: { ...check, checked_by: '张伟' } })).not.toBe(original);
		expect(chainText({ ...base, fields: { ...check, checked_at: '2026-11-22T00:31:00.000Z' } })).not.toBe(original);
		expect(chainText({ ...base, link: { seq: 2, prev_hash: CHAIN_START }, fields: check })).not.toBe(original);
		expect(chainText({ ...base, device: 'device000000002', fields: check })).not.toBe(original);
	});

	it('is hashed on the tablet exactly as SHA-256 of its UTF-8 bytes', () => {
		const text = chainText({ ...base, fields: check });
		expect(chainHash(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
	});
});

function chain(length: number): ChainEntry[] {
	const entries: ChainEntry[] = [];
	let prev = CHAIN_START;
	for (let seq = 1; seq <= length; seq++) {
		const hash = chainHash(`record ${seq}`);
		entries.push({ collection: 'morning_checks', id: `r${seq}`, seq, prev_hash: prev, hash, recomputed: hash });
		prev = hash;
	}
	return entries;
}

describe('verifying a kiosk’s chain', () => {
	it('finds nothing wrong with an intact chain', () => {
		expect(verifyChain({ entries: chain(5), first: 1, last: 5, before: CHAIN_START })).toEqual([]);
	});

	it('names the record whose content no longer matches its hash', () => {
		const entries = chain(5);
		entries[2] = { ...entries[2]!, recomputed: chainHash('edited') };
		expect(verifyChain({ entries, first: 1, last: 5, before: CHAIN_START })).toEqual([
			{ kind: 'edited', collection: 'morning_checks', id: 'r3', seq: 3 }
		]);
	});

	it('names the record whose server verdict was edited', () => {
		const entries = chain(3);
		entries[1] = { ...entries[1]!, seal: 'a'.repeat(64), resealed: 'b'.repeat(64) };
		expect(verifyChain({ entries, first: 1, last: 3, before: CHAIN_START })).toEqual([
			{ kind: 'edited', collection: 'morning_checks', id: 'r2', seq: 2 }
		]);
	});

	it('gives the numbers missing in the middle and at the end', () => {
		const entries = chain(6).filter((e) => e.seq !== 3 && e.seq !== 4 && e.seq !== 6);
		expect(verifyChain({ entries, first: 1, last: 6, before: CHAIN_START })).toEqual([
			{ kind: 'missing', from: 3, to: 4 },
			{ kind: 'missing', from: 6, to: 6 }
		]);
	});

	it('catches a record re-hashed after an edit: the next one no longer links to it', () => {
		const entries = chain(3);
		const rehashed = chainHash('forged');
		entries[1] = { ...entries[1]!, hash: rehashed, recomputed: rehashed };
		expect(verifyChain({ entries, first: 1, last: 3, before: CHAIN_START })).toEqual([
			{ kind: 'broken_link', collection: 'morning_checks', id: 'r3', seq: 3 }
		]);
	});

	it('reports records inserted without a place in any chain, or with a number already taken', () => {
		const entries = chain(2);
		entries.push({ collection: 'morning_checks', id: 'x1', seq: 0, prev_hash: '', hash: '', recomputed: '' });
		entries.push({ ...entries[1]!, id: 'x2' });
		expect(verifyChain({ entries, first: 1, last: 2, before: CHAIN_START })).toEqual([
			{ kind: 'unchained', collection: 'morning_checks', id: 'x1' },
			{ kind: 'duplicate_seq', collection: 'morning_checks', id: 'x2', seq: 2 }
		]);
	});

	it('checks a range against the hash of the record just before it', () => {
		const entries = chain(6).slice(3);
		expect(verifyChain({ entries, first: 4, last: 6, before: chain(6)[2]!.hash })).toEqual([]);
		expect(verifyChain({ entries, first: 4, last: 6, before: CHAIN_START })).toEqual([
			{ kind: 'broken_link', collection: 'morning_checks', id: 'r4', seq: 4 }
		]);
	});
});
