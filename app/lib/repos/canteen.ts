import { liveQuery } from 'dexie';
import type { CanteenRecord, KitchenDb, StaffRecord } from '$lib/db/schema';

/** The server is the source of staff and canteen data; a pull replaces this tablet's copy at once. */
export async function replaceCanteenData({
	db,
	canteen,
	staff
}: {
	db: KitchenDb;
	canteen: CanteenRecord;
	staff: StaffRecord[];
}) {
	await db.transaction('rw', db.canteens, db.staff, async () => {
		await db.canteens.put(canteen);
		await db.staff.where('canteen').equals(canteen.id).delete();
		await db.staff.bulkPut(staff);
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
