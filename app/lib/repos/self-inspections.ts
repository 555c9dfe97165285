import type { LocalDate } from '$lib/domain';
import { liveQuery } from 'dexie';
import type { KitchenDb } from '$lib/db/schema';

/** Rounds since `from` (the weekly and monthly ones are due once in their week or month). */
export function watchSelfInspectionsSince({ db, canteen, from }: { db: KitchenDb; canteen: string; from: LocalDate }) {
	return liveQuery(() => db.self_inspections.where('[canteen+date]').between([canteen, from], [canteen, '9999-12-31'], true, true).toArray());
}
