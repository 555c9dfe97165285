import { validateAccompaniedMeal, type AccompaniedMealError, type AccompaniedMealInput, type LocalDate } from '$lib/domain';
import type { AccompaniedMealRecord, KitchenDb } from '$lib/db/schema';
import { saveCheckedRecord, watchRecordsOfDay, type SaveContext } from './ledger';

/** The only way a 陪餐 record enters the tablet. */
export function recordAccompaniedMeal({ input, ...context }: SaveContext & { input: AccompaniedMealInput }) {
	return saveCheckedRecord<AccompaniedMealRecord, AccompaniedMealError>({
		context,
		collection: 'accompanied_meals',
		input,
		errors: validateAccompaniedMeal({ input, settings: context.settings }),
		eventAt: input.eaten_at
	});
}

export function watchAccompaniedMealsOfDay({ db, canteen, date }: { db: KitchenDb; canteen: string; date: LocalDate }) {
	return watchRecordsOfDay<AccompaniedMealRecord>({ db, collection: 'accompanied_meals', canteen, date, orderBy: 'eaten_at' });
}
