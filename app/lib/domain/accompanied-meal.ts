// 陪餐 accompanied meals (../shared/rules.md rule 33): in primary, secondary and kindergarten canteens a
// school leader eats with the students at every meal, and the meal is recorded.
import type { ErrorCode } from './error-codes';
import { MEALS, type Meal } from './food-sample';
import type { CanteenSettings } from './settings';

export interface AccompaniedMealInput {
	meal: Meal;
	/** Who ate with the students. */
	companion: string;
	/** Their post (校长, 副校长, 值班领导…). */
	companion_role: string;
	eaten_at: string;
	/** What they found: taste, quantity, hygiene, what the students said. */
	remarks: string;
	recorded_by: string;
}

export interface AccompaniedMealError {
	field: keyof AccompaniedMealInput;
	code: ErrorCode;
}

export function validateAccompaniedMeal({ input }: { input: AccompaniedMealInput; settings: CanteenSettings }): AccompaniedMealError[] {
	const errors: AccompaniedMealError[] = [];
	if (!MEALS.includes(input.meal)) errors.push({ field: 'meal', code: 'required' });
	for (const field of ['companion', 'recorded_by'] as const) {
		if (!input[field]?.trim()) errors.push({ field, code: 'required' });
	}
	if (Number.isNaN(Date.parse(input.eaten_at))) errors.push({ field: 'eaten_at', code: 'required' });
	return errors;
}
