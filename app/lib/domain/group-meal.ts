// 聚餐登记 group-meal registration (issue 15, seed 001 中卫): a canteen or restaurant serving a one-off
// gathering (a banquet, a school event) above the local threshold registers it beforehand — date,
// headcount, organiser and phone, menu, chef, samples kept — so that the district's regulators know
// where many people eat one meal. Over 100 diners the meal must be sampled (rule 5 [M]).
import { daysBetween, isLocalDate, type LocalDate } from './dates';
import type { ErrorCode } from './error-codes';
import { MEALS, type Meal } from './food-sample';
import { BANNED_DISHES_APPLY_TO, bannedDishKind } from './menu';
import type { CanteenSettings, CanteenType } from './settings';

export interface GroupMealInput {
	date: LocalDate;
	meal: Meal;
	headcount: number | null;
	/** What the gathering is: 婚宴、寿宴、升学宴、运动会… */
	occasion: string;
	organiser: string;
	organiser_phone: string;
	dishes: string[];
	chef: string;
	/** Whether the meal's dishes will be sampled (required over `sampleAbove` diners). */
	samples_kept: boolean;
}

export interface GroupMealError {
	field: keyof GroupMealInput | string;
	code: ErrorCode;
	params?: Record<string, string | number>;
}

/** Whether a gathering of `headcount` must be registered (the local threshold, commonly 50). */
export function groupMealMustRegister(headcount: number, settings: CanteenSettings): boolean {
	return headcount >= settings.groupMeals.registerFrom;
}

/** BLOCK: incomplete, after the fact, without samples over the limit, or a dish a school may not serve. */
export function validateGroupMeal({
	input,
	today,
	settings,
	canteenType
}: {
	input: GroupMealInput;
	today: LocalDate;
	settings: CanteenSettings;
	canteenType: CanteenType | string;
}): GroupMealError[] {
	const errors: GroupMealError[] = [];
	if (!isLocalDate(input.date)) errors.push({ field: 'date', code: 'required' });
	// Registered beforehand: the day itself at the latest.
	else if (daysBetween(today, input.date) < 0) errors.push({ field: 'date', code: 'group_meal_in_past' });
	if (!MEALS.includes(input.meal)) errors.push({ field: 'meal', code: 'required' });
	if (input.headcount === null || !Number.isInteger(input.headcount) || input.headcount < 1) errors.push({ field: 'headcount', code: 'required' });
	for (const field of ['occasion', 'organiser', 'chef'] as const) if (!input[field]?.trim()) errors.push({ field, code: 'required' });
	if (!/^[0-9][0-9\-\s]{6,19}$/.test(input.organiser_phone?.trim() ?? '')) errors.push({ field: 'organiser_phone', code: 'group_meal_phone' });
	const dishes = (Array.isArray(input.dishes) ? input.dishes : []).map((dish) => String(dish).trim()).filter(Boolean);
	if (dishes.length === 0) errors.push({ field: 'dishes', code: 'required' });
	if (input.headcount !== null && input.headcount > settings.groupMeals.sampleAbove && !input.samples_kept) {
		errors.push({ field: 'samples_kept', code: 'group_meal_samples_required', params: { limit: settings.groupMeals.sampleAbove } });
	}
	if (BANNED_DISHES_APPLY_TO.includes(canteenType as CanteenType)) {
		for (const dish of dishes) {
			const kind = bannedDishKind(dish);
			if (kind) errors.push({ field: 'dishes', code: `menu_banned_${kind}`, params: { name: dish } });
		}
	}
	return errors;
}
