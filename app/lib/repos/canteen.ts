import { liveQuery } from 'dexie';
import type { CanteenRecord, KitchenDb, PullCursor, StaffRecord } from '$lib/db/schema';

export async function saveCanteen({ db, canteen }: { db: KitchenDb; canteen: CanteenRecord }) {
	await db.canteens.put(canteen);
}

/**
 * The server is the source of staff data: a page of changes replaces this tablet's copies, and moves
 * the pull cursor in the same transaction so a crash cannot skip a page.
 */
export async function applyServerStaff({ db, staff, cursor }: { db: KitchenDb; staff: StaffRecord[]; cursor?: PullCursor }) {
	await db.transaction('rw', db.staff, db.cursors, async () => {
		await db.staff.bulkPut(staff);
		if (cursor) await db.cursors.put(cursor);
	});
}

export function getCanteen({ db, id }: { db: KitchenDb; id: string }) {
	return db.canteens.get(id);
}

export function getStaff({ db, id }: { db: KitchenDb; id: string }) {
	return db.staff.get(id);
}

export function watchCanteen({ db, id }: { db: KitchenDb; id: string }) {
	return liveQuery(() => db.canteens.get(id));
}

export function watchStaff({ db, canteen }: { db: KitchenDb; canteen: string }) {
	return liveQuery(async () =>
		(await db.staff.where('canteen').equals(canteen).toArray())
			.filter((s) => s.active)
			.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
	);
}
