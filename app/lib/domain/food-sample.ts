// 留样 food samples (../shared/rules.md section 1, rules 1–3): what is kept of every dish of a meal,
// for how long, and when it may be thrown away.
import type { ErrorCode } from './error-codes';
import type { CanteenSettings } from './settings';

export const MEALS = ['breakfast', 'lunch', 'dinner', 'other'] as const;
export type Meal = (typeof MEALS)[number];

/** What the person taking the sample enters (the kiosk fills the time and the person). */
export interface FoodSampleInput {
	meal: Meal;
	dish: string;
	weight_g: number | null;
	/** ISO instant the sample was taken. */
	taken_at: string;
	taken_by: string;
	/** Which sample fridge (专柜) it went into. */
	fridge: string;
}

export interface SampleFieldError {
	field: keyof FoodSampleInput | 'sample' | 'disposed_at' | 'disposed_by' | 'date' | 'dishes' | 'closed_by' | 'closed_at' | 'reason';
	code: ErrorCode;
	params?: Record<string, string | number>;
}

const HOUR = 3600_000;

/** Rules 1 and 3: BLOCK a sample record that is incomplete or too small to test. */
export function validateFoodSample({ input, settings }: { input: FoodSampleInput; settings: CanteenSettings }): SampleFieldError[] {
	const errors: SampleFieldError[] = [];
	if (!MEALS.includes(input.meal)) errors.push({ field: 'meal', code: 'required' });
	if (!input.dish?.trim()) errors.push({ field: 'dish', code: 'required' });
	if (!input.taken_by?.trim()) errors.push({ field: 'taken_by', code: 'required' });
	if (!input.taken_at || Number.isNaN(Date.parse(input.taken_at))) errors.push({ field: 'taken_at', code: 'required' });
	const min = settings.samples.minWeightG;
	if (input.weight_g === null || !Number.isFinite(input.weight_g)) errors.push({ field: 'weight_g', code: 'required' });
	else if (input.weight_g < min) errors.push({ field: 'weight_g', code: 'sample_too_light', params: { weight: input.weight_g, min } });
	return errors;
}

/** When a sample may be discarded (rule 2: kept refrigerated for 48 h or more). */
export function disposableFrom({ taken_at }: { taken_at: string }, settings: CanteenSettings): Date {
	return new Date(Date.parse(taken_at) + settings.samples.keepHours * HOUR);
}

/** Rule 2: BLOCK throwing a sample away before its time. */
export function validateDisposal({
	sample,
	disposedAt,
	settings
}: {
	sample: { taken_at: string };
	disposedAt: string;
	settings: CanteenSettings;
}): SampleFieldError[] {
	const at = Date.parse(disposedAt);
	if (Number.isNaN(at)) return [{ field: 'disposed_at', code: 'required' }];
	const from = disposableFrom(sample, settings);
	if (at < from.getTime()) {
		const hours = Math.floor((at - Date.parse(sample.taken_at)) / HOUR);
		return [{ field: 'disposed_at', code: 'sample_kept_too_short', params: { hours, keep: settings.samples.keepHours } }];
	}
	return [];
}

/** Where a sample stands at `now`: kept (not yet 48 h), may be discarded, or forgotten (WARN after 72 h). */
export function sampleState(sample: { taken_at: string }, now: Date, settings: CanteenSettings): 'keeping' | 'disposable' | 'overdue' {
	const age = now.getTime() - Date.parse(sample.taken_at);
	if (age < settings.samples.keepHours * HOUR) return 'keeping';
	return age >= settings.samples.warnAfterHours * HOUR ? 'overdue' : 'disposable';
}

/**
 * Rule 4 [M]: at the end of a meal, every dish served has its sample. The cook closes the meal with the
 * dishes that were served; a dish without a sample is a warning, and the meal is closed anyway only
 * with a reason and who accepted it (REASON).
 */
export interface MealClosureInput {
	meal: Meal;
	/** The canteen day of the meal. */
	date: string;
	dishes: string[];
	closed_at: string;
	closed_by: string;
	reason: string;
	accepted_by: string;
}

export interface MealClosureFinding {
	code: 'samples.unsampled';
	params: { dishes: string };
}

const dishKey = (dish: string) => dish.replace(/\s+/g, '');

/** The dishes served that have no sample of that meal (names compared without spaces). */
export function unsampledDishes({ dishes, sampled }: { dishes: string[]; sampled: string[] }): string[] {
	const kept = new Set(sampled.map(dishKey));
	return [...new Set(dishes.map((d) => d.trim()).filter(Boolean))].filter((dish) => !kept.has(dishKey(dish)));
}

export function validateMealClosure({ input, sampled }: { input: MealClosureInput; sampled: string[] }): SampleFieldError[] {
	const errors: SampleFieldError[] = [];
	if (!MEALS.includes(input.meal)) errors.push({ field: 'meal', code: 'required' });
	if (!/^\d{4}-\d{2}-\d{2}$/.test(input.date ?? '')) errors.push({ field: 'date', code: 'required' });
	if (!Array.isArray(input.dishes) || input.dishes.filter((d) => typeof d === 'string' && d.trim()).length === 0) {
		errors.push({ field: 'dishes', code: 'required' });
		return errors;
	}
	if (!input.closed_by?.trim()) errors.push({ field: 'closed_by', code: 'required' });
	if (Number.isNaN(Date.parse(input.closed_at))) errors.push({ field: 'closed_at', code: 'required' });
	const missing = unsampledDishes({ dishes: input.dishes, sampled });
	if (missing.length > 0 && (!input.reason?.trim() || !input.accepted_by?.trim())) {
		errors.push({ field: 'reason', code: 'closure_reason_required', params: { dishes: missing.join('、') } });
	}
	return errors;
}

export function assessMealClosure({ input, sampled }: { input: MealClosureInput; sampled: string[] }): MealClosureFinding[] {
	const missing = unsampledDishes({ dishes: input.dishes, sampled });
	return missing.length > 0 ? [{ code: 'samples.unsampled', params: { dishes: missing.join('、') } }] : [];
}
