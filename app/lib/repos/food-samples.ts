import { liveQuery } from 'dexie';
import {
	assessMealClosure,
	localDateOf,
	validateDisposal,
	validateMealClosure,
	type Meal,
	type MealClosureInput,
	validateFoodSample,
	type CanteenSettings,
	type FoodSampleInput,
	type LocalDate,
	type SampleFieldError
} from '$lib/domain';
import { newRecordId } from '$lib/db/ids';
import type { FoodSampleRecord, KitchenDb, MealClosureRecord, SampleDisposalRecord } from '$lib/db/schema';
import { saveCheckedRecord, saveNewRecord, watchRecordsOfDay, type Photo, type SaveContext } from './ledger';

export type SampleSaveResult<R> = { ok: true; record: R } | { ok: false; errors: SampleFieldError[] };

/**
 * The only way a food sample enters the tablet (rules 1 and 3 first: too light or incomplete is
 * refused); a photo of the sealed container may come with it.
 */
export function recordFoodSample({ input, photo, ...context }: SaveContext & { input: FoodSampleInput; photo?: Photo }) {
	return saveCheckedRecord<FoodSampleRecord, SampleFieldError>({
		context,
		collection: 'food_samples',
		input: { ...input, dish: input.dish.trim() },
		errors: validateFoodSample({ input, settings: context.settings }),
		eventAt: input.taken_at,
		photo
	});
}

/** Throwing a sample away is a record of its own, refused before the sample's 48 hours (rule 2). */
export async function disposeFoodSample({
	db,
	settings,
	sample,
	device,
	disposedBy,
	at = new Date()
}: {
	db: KitchenDb;
	settings: CanteenSettings;
	sample: FoodSampleRecord;
	device: string;
	disposedBy: string;
	at?: Date;
}): Promise<SampleSaveResult<SampleDisposalRecord>> {
	const errors = validateDisposal({ sample, disposedAt: at.toISOString(), settings });
	if (errors.length > 0) return { ok: false, errors };
	const unchained = {
		id: newRecordId(),
		canteen: sample.canteen,
		device,
		sample: sample.id,
		disposed_at: at.toISOString(),
		disposed_by: disposedBy,
		sync: 'pending' as const
	};
	const record = await saveNewRecord<SampleDisposalRecord>(db, 'sample_disposals', unchained);
	return { ok: true, record };
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
	const closure = { ...input, dishes };
	return saveCheckedRecord<MealClosureRecord, SampleFieldError>({
		context,
		collection: 'meal_closures',
		input: closure,
		errors: validateMealClosure({ input: closure, sampled }),
		eventAt: input.closed_at,
		derived: { findings: assessMealClosure({ input: closure, sampled }) }
	});
}

export function watchMealClosuresOfDay({ db, canteen, date }: { db: KitchenDb; canteen: string; date: LocalDate }) {
	return watchRecordsOfDay<MealClosureRecord>({ db, collection: 'meal_closures', canteen, date, orderBy: 'closed_at' });
}
