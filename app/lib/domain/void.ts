// Ledger records are immutable: a mistake is corrected by voiding the record with a reason (a record of
// its own) and entering a new one; both stay visible to the administrator.

/** The ledgers whose records can be voided (a disposal is undone by nothing: the sample is gone). */
export const VOIDABLE_LEDGERS = ['morning_checks', 'food_samples', 'disinfections', 'cold_readings', 'waste_handovers', 'additive_uses', 'accompanied_meals', 'self_inspections', 'purchases'] as const;
export type VoidableLedger = (typeof VOIDABLE_LEDGERS)[number];

export interface VoidInput {
	ledger: VoidableLedger;
	record_id: string;
	reason: string;
	voided_by: string;
	voided_at: string;
}

export interface VoidError {
	field: keyof VoidInput;
	code: string;
}

export function validateVoid(input: VoidInput): VoidError[] {
	const errors: VoidError[] = [];
	if (!VOIDABLE_LEDGERS.includes(input.ledger)) errors.push({ field: 'ledger', code: 'required' });
	if (!/^[a-z0-9]{15}$/.test(input.record_id ?? '')) errors.push({ field: 'record_id', code: 'required' });
	if (!input.reason?.trim()) errors.push({ field: 'reason', code: 'void_reason_required' });
	if (!input.voided_by?.trim()) errors.push({ field: 'voided_by', code: 'required' });
	if (Number.isNaN(Date.parse(input.voided_at))) errors.push({ field: 'voided_at', code: 'required' });
	return errors;
}
