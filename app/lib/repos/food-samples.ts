import { liveQuery } from 'dexie';
import type { FoodSampleInput, LocalDate, Meal, MealClosureInput } from '$lib/domain';
import type { FoodSampleRecord, KitchenDb, MealClosureRecord } from '$lib/db/schema';
import { recordEntry, watchRecordsOfDay, type Photo, type SaveContext } from './ledger';

/** A food sample (rules 1 and 3 first: too light or incomplete is refused), with a photo of the sealed container. */
export function recordFoodSample({ input, photo, ...context }: SaveContext & { input: FoodSampleInput; photo?: Photo }) {
	return recordEntry('food_samples', { context, input: { ...input, dish: input.dish.trim() }, refs: {}, photo });
}

/** Throwing a sample away is a record of its own, refused before the sample's 48 hours (rule 2). */
export function disposeFoodSample({
	sample,
	disposedBy,
	at = new Date(),
	...context
}: Omit<SaveContext, 'canteen'> & {
	sample: FoodSampleRecord;
	disposedBy: string;
	at?: Date;
}) {
	const input = { sample: sample.id, disposed_at: at.toISOString(), disposed_by: disposedBy };
	return recordEntry('sample_disposals', { context: { ...context, canteen: sample.canteen }, input, refs: { sample } });
}

/** Samples taken since `date` (the fridge holds about three days), each with its disposal if any. */
export function watchSamplesSince({ db, canteen, date }: { db: KitchenDb; canteen: string; date: LocalDate }) {
	return liveQuery(async () => {
		const samples = await db.food_samples.where('[canteen+date]').between([canteen, date], [canteen, '\uffff']).sortBy('taken_at');
		const disposals = await db.sample_disposals.where('sample').anyOf(samples.map((s) => s.id)).toArray();
		const disposedBy = new Map(disposals.map((d) => [d.sample, d]));
		return samples.map((sample) => ({ sample, disposal: disposedBy.get(sample.id) }));
	});
}

/** The dishes of a meal that have a sample on this tablet (from every tablet of the kitchen), voids left out. */
export async function sampledDishes({ db, canteen, date, meal }: { db: KitchenDb; canteen: string; date: LocalDate; meal: Meal }) {
	const samples = await db.food_samples.where({ canteen, date }).filter((s) => s.meal === meal).toArray();
	const voided = new Set((await db.voids.where('record_id').anyOf(samples.map((s) => s.id)).toArray()).map((v) => v.record_id));
	return samples.filter((s) => !voided.has(s.id)).map((s) => s.dish);
}

/** Closes a meal for sampling (rule 4): a served dish without a sample needs the reason and who accepted it. */
export async function recordMealClosure({ input, ...context }: SaveContext & { input: MealClosureInput }) {
	const sampled = await sampledDishes({ db: context.db, canteen: context.canteen, date: input.date, meal: input.meal });
	const dishes = [...new Set(input.dishes.map((d) => d.trim()).filter(Boolean))];
	return recordEntry('meal_closures', { context, input: { ...input, dishes }, refs: { sampled } });
}

export function watchMealClosuresOfDay({ db, canteen, date }: { db: KitchenDb; canteen: string; date: LocalDate }) {
	return watchRecordsOfDay<MealClosureRecord>({ db, collection: 'meal_closures', canteen, date, orderBy: 'closed_at' });
}
