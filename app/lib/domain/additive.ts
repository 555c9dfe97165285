// 食品添加剂 additive use (../shared/rules.md section 6, rules 23–25): the 五专 ledger of what went into
// which food, by whom; nitrite is banned in catering outright.
import type { ErrorCode } from './error-codes';
import { isNitriteName } from './names';
import type { CanteenSettings } from './settings';

export const ADDITIVE_UNITS = ['g', 'ml'] as const;
export type AdditiveUnit = (typeof ADDITIVE_UNITS)[number];

export interface AdditiveUseInput {
	additive: string;
	/** Production date or batch number on the package. */
	batch: string;
	/** The food or dish it went into. */
	food: string;
	amount: number | null;
	unit: AdditiveUnit;
	used_at: string;
	used_by: string;
}

export interface AdditiveError {
	field: keyof AdditiveUseInput;
	code: ErrorCode;
}

export interface AdditiveFinding {
	code: 'additive.no_keeper';
	params: Record<string, string | number>;
}

/** Rule 24: 亚硝酸盐 in any of its names, however typed (names.ts). */
export function isNitrite(name: string): boolean {
	return isNitriteName(name);
}

/** Rule 23 BLOCK: every field of the usage record; rule 24 BLOCK: nitrite. */
export function validateAdditiveUse({ input }: { input: AdditiveUseInput; settings: CanteenSettings }): AdditiveError[] {
	const errors: AdditiveError[] = [];
	for (const field of ['additive', 'batch', 'food', 'used_by'] as const) {
		if (!input[field]?.trim()) errors.push({ field, code: 'required' });
	}
	if (input.additive && isNitrite(input.additive)) errors.push({ field: 'additive', code: 'additive_nitrite_banned' });
	if (input.amount === null || !Number.isFinite(input.amount) || input.amount <= 0) errors.push({ field: 'amount', code: 'required' });
	if (!ADDITIVE_UNITS.includes(input.unit)) errors.push({ field: 'unit', code: 'required' });
	if (Number.isNaN(Date.parse(input.used_at))) errors.push({ field: 'used_at', code: 'required' });
	return errors;
}

/** Rule 25 WARN: the canteen has not named the person responsible for additives (专人负责). */
export function assessAdditiveUse({ settings }: { settings: CanteenSettings }): AdditiveFinding[] {
	return settings.additives.keeper.trim() ? [] : [{ code: 'additive.no_keeper', params: {} }];
}
