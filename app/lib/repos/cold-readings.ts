import type { LocalDate } from '$lib/domain';
import type { ColdReadingRecord, KitchenDb } from '$lib/db/schema';
import { watchRecordsOfDay } from './ledger';

export function watchColdReadingsOfDay({ db, canteen, date }: { db: KitchenDb; canteen: string; date: LocalDate }) {
	return watchRecordsOfDay<ColdReadingRecord>({ db, collection: 'cold_readings', canteen, date, orderBy: 'read_at' });
}
