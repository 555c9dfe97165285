import type PocketBase from 'pocketbase';
import type { VoidRecord } from '$lib/db/schema';

/** What the ledger browser asks for: one ledger of one canteen over days, optionally by person or state. */
export interface LedgerQuery {
	canteen: string;
	ledger: string;
	from: string;
	to: string;
	/** Part of the name of who made the record. */
	person: string;
	personField: string;
	only: 'all' | 'late' | 'exceptions';
}

const NOT_EMPTY = (field: string) => `(${field} != "[]" && ${field} != "" && ${field} != "null")`;

export function ledgerFilter(pb: PocketBase, query: LedgerQuery): string {
	const parts = [pb.filter('canteen = {:canteen} && date >= {:from} && date <= {:to}', query)];
	if (query.person.trim()) parts.push(pb.filter(`${query.personField} ~ {:person}`, { person: query.person.trim() }));
	if (query.only === 'late') parts.push(NOT_EMPTY('late'));
	if (query.only === 'exceptions') parts.push(NOT_EMPTY('findings'));
	return parts.join(' && ');
}

export function fetchLedgerPage<R>({ pb, query, sort, page, perPage }: { pb: PocketBase; query: LedgerQuery; sort: string; page: number; perPage: number }) {
	return pb.collection(query.ledger).getList<R>(page, perPage, { filter: ledgerFilter(pb, query), sort });
}

/** Every matching record, a page of 500 at a time, so that a year's export never asks for all at once. */
export async function* ledgerPages<R>({ pb, query, sort }: { pb: PocketBase; query: LedgerQuery; sort: string }): AsyncGenerator<{ items: R[]; done: number; total: number }> {
	let page = 1;
	let done = 0;
	let total = 0;
	for (;;) {
		// Counting is asked once: on a big range it costs as much as a page.
		const result = await pb.collection(query.ledger).getList<R>(page, 500, { filter: ledgerFilter(pb, query), sort, skipTotal: page > 1 });
		done += result.items.length;
		if (page === 1) total = result.totalItems;
		yield { items: result.items, done, total };
		if (result.items.length < 500) return;
		page += 1;
	}
}

/** The voids of a canteen's ledger, by the record they void. */
export async function fetchVoids({ pb, canteen, ledger }: { pb: PocketBase; canteen: string; ledger: string }): Promise<Map<string, VoidRecord>> {
	const voids = await pb.collection('voids').getFullList<VoidRecord>({ filter: pb.filter('canteen = {:canteen} && ledger = {:ledger}', { canteen, ledger }) });
	return new Map(voids.map((v) => [v.record_id, v]));
}
