// Cold storage log (../shared/rules.md rules 6 and 29): each fridge and freezer read (twice a day by
// default); a reading out of range is a warning and is saved only with the corrective action (REASON).
import type { ErrorCode } from './error-codes';
import type { CanteenSettings } from './settings';

export type ColdUnitKind = 'refrigerator' | 'freezer' | 'sample_fridge';

export interface ColdReadingInput {
	unit: string;
	kind: ColdUnitKind;
	temperature_c: number | null;
	read_at: string;
	read_by: string;
	reason: string;
	accepted_by: string;
}

export interface ColdFinding {
	code: 'cold.out_of_range' | 'cold.too_warm';
	params: Record<string, number>;
}

export interface ColdError {
	field: keyof ColdReadingInput;
	code: ErrorCode;
}

export function assessColdReading({ input, settings }: { input: ColdReadingInput; settings: CanteenSettings }): ColdFinding[] {
	const t = input.temperature_c;
	if (t === null) return [];
	const rules = settings.coldStorage;
	if (input.kind === 'freezer') return t > rules.frozenMaxC ? [{ code: 'cold.too_warm', params: { temperature: t, max: rules.frozenMaxC } }] : [];
	return t < rules.chilledC.min || t > rules.chilledC.max
		? [{ code: 'cold.out_of_range', params: { temperature: t, min: rules.chilledC.min, max: rules.chilledC.max } }]
		: [];
}

export function validateColdReading({ input, settings }: { input: ColdReadingInput; settings: CanteenSettings }): ColdError[] {
	const errors: ColdError[] = [];
	if (!input.unit?.trim()) errors.push({ field: 'unit', code: 'required' });
	if (!['refrigerator', 'freezer', 'sample_fridge'].includes(input.kind)) errors.push({ field: 'kind', code: 'required' });
	// A fridge reads between −40 and +40 °C; anything else is a typing mistake.
	if (input.temperature_c === null || !Number.isFinite(input.temperature_c)) errors.push({ field: 'temperature_c', code: 'required' });
	else if (input.temperature_c < -40 || input.temperature_c > 40) errors.push({ field: 'temperature_c', code: 'cold_reading_implausible' });
	if (!input.read_by?.trim()) errors.push({ field: 'read_by', code: 'required' });
	if (Number.isNaN(Date.parse(input.read_at))) errors.push({ field: 'read_at', code: 'required' });
	if (errors.length > 0) return errors;
	if (assessColdReading({ input, settings }).length > 0) {
		if (!input.reason?.trim()) errors.push({ field: 'reason', code: 'cold_reason_required' });
		if (!input.accepted_by?.trim()) errors.push({ field: 'accepted_by', code: 'cold_reason_required' });
	}
	return errors;
}
