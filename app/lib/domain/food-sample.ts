// 留样 food samples (../shared/rules.md section 1, rules 1–3): what is kept of every dish of a meal,
// for how long, and when it may be thrown away.
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
	field: keyof FoodSampleInput | 'disposed_at';
	code: string;
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
