import type { KitchenDb, PullCursor } from '$lib/db/schema';

export function getCursor({ db, collection }: { db: KitchenDb; collection: string }) {
	return db.cursors.get(collection);
}

/** The cursor after a page: the newest change in it. Saved in the same transaction as the page. */
export function cursorAfter(collection: string, page: { updated?: string }[], previous?: PullCursor): PullCursor | undefined {
	const newest = page.reduce((max, record) => (record.updated && record.updated > max ? record.updated : max), previous?.updated ?? '');
	return newest ? { collection, updated: newest } : previous;
}
