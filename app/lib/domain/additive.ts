// 食品添加剂 additive use (../shared/rules.md section 6, rules 23–25): the 五专 ledger of what went into
// which food, by whom; nitrite is banned in catering outright.
import type { ErrorCode } from './error-codes';
import { isNitriteName, normaliseName } from './names';
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
	params?: Record<string, string | number>;
}

/**
 * 添加剂备案 (seed 001): an additive the canteen keeps, recorded once — what it is, who supplies it, what
 * for, where it is stored (the dedicated cabinet) and who is responsible (五专).
 */
export interface RegisteredAdditive {
	name: string;
	supplier: string;
	purpose: string;
	storage_place: string;
	keeper: string;
	active: boolean;
}

export interface RegisteredAdditiveError {
	field: keyof RegisteredAdditive;
	code: ErrorCode;
}

/** BLOCK: an incomplete register entry, or nitrite (rule 24) under any name. */
export function validateRegisteredAdditive(entry: RegisteredAdditive): RegisteredAdditiveError[] {
	const errors: RegisteredAdditiveError[] = [];
	for (const field of ['name', 'supplier', 'purpose', 'storage_place', 'keeper'] as const) {
		if (!entry[field]?.trim()) errors.push({ field, code: 'required' });
	}
	if (entry.name && isNitrite(entry.name)) errors.push({ field: 'name', code: 'additive_nitrite_banned' });
	return errors;
}

/** The register's active entry a typed name stands for, compared however typed. */
export function registeredAdditive(register: readonly RegisteredAdditive[], name: string): RegisteredAdditive | undefined {
	const plain = normaliseName(name);
	return plain ? register.find((entry) => entry.active && normaliseName(entry.name) === plain) : undefined;
}

export interface AdditiveFinding {
	code: 'additive.no_keeper';
	params: Record<string, string | number>;
}

/** Rule 24: 亚硝酸盐 in any of its names, however typed (names.ts). */
export function isNitrite(name: string): boolean {
	return isNitriteName(name);
}

/**
 * Rule 23 BLOCK: every field of the usage record; rule 24 BLOCK: nitrite; 添加剂备案: an additive not on
 * the canteen's register (when the register is given: the form checks it as it is typed).
 */
export function validateAdditiveUse({ input, register }: { input: AdditiveUseInput; settings: CanteenSettings; register?: readonly RegisteredAdditive[] }): AdditiveError[] {
	const errors: AdditiveError[] = [];
	for (const field of ['additive', 'batch', 'food', 'used_by'] as const) {
		if (!input[field]?.trim()) errors.push({ field, code: 'required' });
	}
	if (input.additive && isNitrite(input.additive)) errors.push({ field: 'additive', code: 'additive_nitrite_banned' });
	else if (register && input.additive.trim() && !registeredAdditive(register, input.additive)) {
		errors.push({ field: 'additive', code: 'additive_not_registered', params: { name: input.additive.trim() } });
	}
	if (input.amount === null || !Number.isFinite(input.amount) || input.amount <= 0) errors.push({ field: 'amount', code: 'required' });
	if (!ADDITIVE_UNITS.includes(input.unit)) errors.push({ field: 'unit', code: 'required' });
	if (Number.isNaN(Date.parse(input.used_at))) errors.push({ field: 'used_at', code: 'required' });
	return errors;
}

/** Rule 25 WARN: the canteen has not named the person responsible for additives (专人负责). */
export function assessAdditiveUse({ settings }: { settings: CanteenSettings }): AdditiveFinding[] {
	return settings.additives.keeper.trim() ? [] : [{ code: 'additive.no_keeper', params: {} }];
}
