import type { LocalDate } from '$lib/domain';
import type { AccompaniedMealRecord, KitchenDb } from '$lib/db/schema';
import { watchRecordsOfDay } from './ledger';

export function watchAccompaniedMealsOfDay({ db, canteen, date }: { db: KitchenDb; canteen: string; date: LocalDate }) {
	return watchRecordsOfDay<AccompaniedMealRecord>({ db, collection: 'accompanied_meals', canteen, date, orderBy: 'eaten_at' });
}
