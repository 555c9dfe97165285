import type { KitchenDb, PullCursor } from '$lib/db/schema';
import type { PageRequest } from '$lib/pb/kiosk-api';
import { cursorAfter, getCursor } from '$lib/repos/cursors';

/**
 * Re-reads a second before the cursor: PocketBase stamps `updated` before its transaction commits, so
 * a change stamped just before the newest one seen may become visible a moment later. Records read
 * twice are applied twice, which changes nothing.
 */
const OVERLAP_MS = 1000;

function since(cursor: PullCursor | undefined): string {
	if (!cursor) return '';
	const time = Date.parse(cursor.updated.replace(' ', 'T'));
	return Number.isNaN(time) ? '' : new Date(time - OVERLAP_MS).toISOString().replace('T', ' ');
}

/**
 * Pulls what changed in one collection since this tablet's cursor, page by page; each page and the
 * cursor after it are applied in one transaction (by `apply`), so an interrupted pull resumes.
 */
export async function pullChanges<Row extends { updated?: string }>({
	db,
	collection,
	perPage = 200,
	fetchPage,
	apply
}: {
	db: KitchenDb;
	collection: string;
	perPage?: number;
	fetchPage: (request: PageRequest) => Promise<Row[]>;
	apply: (rows: Row[], cursor: PullCursor | undefined) => Promise<void>;
}): Promise<number> {
	let cursor = await getCursor({ db, collection });
	const request: PageRequest = { since: since(cursor), page: 1, perPage };
	let pulled = 0;
	for (;;) {
		const rows = await fetchPage(request);
		cursor = cursorAfter(collection, rows, cursor);
		if (rows.length > 0) await apply(rows, cursor);
		pulled += rows.length;
		if (rows.length < perPage) return pulled;
		request.page += 1;
	}
}
