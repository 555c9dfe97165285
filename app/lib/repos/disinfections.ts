import type { LocalDate } from '$lib/domain';
import type { DisinfectionRecord, KitchenDb } from '$lib/db/schema';
import { watchRecordsOfDay } from './ledger';

export function watchDisinfectionsOfDay({ db, canteen, date }: { db: KitchenDb; canteen: string; date: LocalDate }) {
	return watchRecordsOfDay<DisinfectionRecord>({ db, collection: 'disinfections', canteen, date, orderBy: 'started_at' });
}
