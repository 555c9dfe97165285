// 烹饪与保温温度 cooking and holding temperatures (../shared/rules.md section 6, rules 30–31): the core
// temperature of a dish when it finishes cooking or reheating (≥ 70 °C), and for food held more than
// two hours after cooking, its holding temperature (hot above 60 °C, cold below 8 °C). Below the mark
// is saved only with what was done about it and who accepted it (REASON).
import type { ErrorCode } from './error-codes';
import { MEALS, type Meal } from './food-sample';
import type { CanteenSettings } from './settings';

export const FOOD_TEMPERATURE_KINDS = ['cooked', 'reheated', 'held_hot', 'held_cold'] as const;
export type FoodTemperatureKind = (typeof FOOD_TEMPERATURE_KINDS)[number];

export interface FoodTemperatureInput {
	dish: string;
	meal: Meal;
	kind: FoodTemperatureKind;
	temperature_c: number | null;
	/** When the probe was read: for cooking, when the dish was done. */
	measured_at: string;
	/** Holding only: when the dish finished cooking (how long it has been held). */
	cooked_at: string;
	measured_by: string;
	/** REASON: what was done about a temperature below the mark, and who accepted it. */
	reason: string;
	accepted_by: string;
}

export interface FoodTemperatureFinding {
	code: 'food_temp.undercooked' | 'food_temp.hot_holding_low' | 'food_temp.cold_holding_high';
	params: Record<string, number>;
}

export interface FoodTemperatureError {
	field: keyof FoodTemperatureInput;
	code: ErrorCode;
	params?: Record<string, string | number>;
}

const HOUR = 3_600_000;

export const isHolding = (kind: FoodTemperatureKind) => kind === 'held_hot' || kind === 'held_cold';

/** Rules 30–31, compared on the exact reading: 69.9 °C is undercooked, 60 °C is not "above 60". */
export function assessFoodTemperature({ input, settings }: { input: FoodTemperatureInput; settings: CanteenSettings }): FoodTemperatureFinding[] {
	const rules = settings.foodTemperature;
	const temperature = input.temperature_c;
	if (temperature === null) return [];
	if ((input.kind === 'cooked' || input.kind === 'reheated') && temperature < rules.minCoreC) {
		return [{ code: 'food_temp.undercooked', params: { temperature, min: rules.minCoreC } }];
	}
	if (input.kind === 'held_hot' && temperature <= rules.hotAboveC) return [{ code: 'food_temp.hot_holding_low', params: { temperature, min: rules.hotAboveC } }];
	if (input.kind === 'held_cold' && temperature >= rules.coldBelowC) return [{ code: 'food_temp.cold_holding_high', params: { temperature, max: rules.coldBelowC } }];
	return [];
}

/** BLOCK: an incomplete or impossible record, or one below the mark without its reason (REASON). */
export function validateFoodTemperature({ input, settings }: { input: FoodTemperatureInput; settings: CanteenSettings }): FoodTemperatureError[] {
	const errors: FoodTemperatureError[] = [];
	if (!input.dish.trim()) errors.push({ field: 'dish', code: 'required' });
	if (!MEALS.includes(input.meal)) errors.push({ field: 'meal', code: 'required' });
	if (!FOOD_TEMPERATURE_KINDS.includes(input.kind)) errors.push({ field: 'kind', code: 'required' });
	if (!input.measured_by.trim()) errors.push({ field: 'measured_by', code: 'required' });
	if (!input.measured_at) errors.push({ field: 'measured_at', code: 'required' });
	const { min, max } = settings.foodTemperature.plausibleC;
	if (input.temperature_c === null) errors.push({ field: 'temperature_c', code: 'required' });
	else if (input.temperature_c < min || input.temperature_c > max) {
		errors.push({ field: 'temperature_c', code: 'food_temp_implausible', params: { temperature: input.temperature_c, min, max } });
	}
	if (isHolding(input.kind)) {
		if (!input.cooked_at) errors.push({ field: 'cooked_at', code: 'required' });
		else if (input.measured_at && Date.parse(input.cooked_at) > Date.parse(input.measured_at)) errors.push({ field: 'cooked_at', code: 'held_before_cooked' });
	}
	if (errors.length > 0) return errors;
	if (assessFoodTemperature({ input, settings }).length > 0) {
		if (!input.reason.trim()) errors.push({ field: 'reason', code: 'reason_required' });
		if (!input.accepted_by.trim()) errors.push({ field: 'accepted_by', code: 'reason_required' });
	}
	return errors;
}

export interface HoldingDue {
	dish: string;
	meal: Meal;
	cooked_at: string;
	/** Hours since cooking, rounded down. */
	hours: number;
}

/**
 * Rule 31 (WARN): the dishes of a meal still being served (not closed) that finished cooking more than
 * `holdAfterHours` ago and have no holding temperature since.
 */
export function holdingDue({
	records,
	closedMeals,
	now,
	settings
}: {
	records: Pick<FoodTemperatureInput, 'dish' | 'meal' | 'kind' | 'measured_at' | 'cooked_at'>[];
	closedMeals: string[];
	now: Date;
	settings: CanteenSettings;
}): HoldingDue[] {
	const limit = settings.foodTemperature.holdAfterHours * HOUR;
	const key = (r: { dish: string; meal: string }) => `${r.meal}\u0000${r.dish.trim()}`;
	const cooked = new Map<string, Pick<FoodTemperatureInput, 'dish' | 'meal' | 'measured_at'>>();
	for (const record of records) {
		if (isHolding(record.kind)) continue;
		const seen = cooked.get(key(record));
		if (!seen || Date.parse(record.measured_at) > Date.parse(seen.measured_at)) cooked.set(key(record), record);
	}
	const due: HoldingDue[] = [];
	for (const [dishKey, last] of cooked) {
		const held = now.getTime() - Date.parse(last.measured_at);
		if (closedMeals.includes(last.meal) || held <= limit) continue;
		const logged = records.some((r) => isHolding(r.kind) && key(r) === dishKey && Date.parse(r.measured_at) >= Date.parse(last.measured_at));
		if (!logged) due.push({ dish: last.dish.trim(), meal: last.meal, cooked_at: last.measured_at, hours: Math.floor((held / HOUR) * 10) / 10 });
	}
	return due;
}
