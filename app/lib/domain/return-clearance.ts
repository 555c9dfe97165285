// 复岗 cleared to return (rules 7–8 and 13): a worker kept from food for an illness — an exclusion
// symptom at a morning check, or a disease of the 2016 list — stays off food-contact posts on the
// following days until someone records who decided, on what basis (a doctor's note, a test result),
// optionally with a photo of the certificate. The entry is a chained ledger record like any other.
import type { ErrorCode } from './error-codes';
import { startsExclusion, type Finding, type StaffForCheck } from './morning-check';

export interface ReturnClearanceInput {
	staff: string;
	cleared_at: string;
	/** Who decided (the manager, the school doctor). */
	cleared_by: string;
	/** On what basis: 医院诊断证明、复查结果… */
	basis: string;
}

export interface ReturnClearanceError {
	field: keyof ReturnClearanceInput;
	code: ErrorCode;
}

/** Whether a person is out (not allowed near food) until cleared, as their record says. */
export function isOut(staff: Pick<StaffForCheck, 'excluded_since' | 'health_conditions'>): boolean {
	return Boolean(staff.excluded_since) || (staff.health_conditions ?? []).length > 0;
}

export function validateReturnClearance({ input, staff }: { input: ReturnClearanceInput; staff: StaffForCheck | null }): ReturnClearanceError[] {
	const errors: ReturnClearanceError[] = [];
	if (!input.staff) errors.push({ field: 'staff', code: 'required' });
	else if (!staff) errors.push({ field: 'staff', code: 'staff_not_found' });
	else if (!isOut(staff)) errors.push({ field: 'staff', code: 'return_not_out' });
	if (!input.cleared_at) errors.push({ field: 'cleared_at', code: 'required' });
	if (!input.cleared_by.trim()) errors.push({ field: 'cleared_by', code: 'required' });
	if (!input.basis.trim()) errors.push({ field: 'basis', code: 'return_basis_required' });
	return errors;
}

/**
 * When a person is out since, from what the server last said (`since`) and what this tablet recorded
 * after it (checks that kept them from food, clearances), oldest first: the tablet knows at once,
 * offline, what the server will conclude when the records arrive.
 */
export function outSince({
	since,
	events
}: {
	since: string;
	events: ({ kind: 'check'; at: string; findings: Finding[] } | { kind: 'clearance'; at: string })[];
}): string {
	let current = since;
	const after = since ? Date.parse(since) : -Infinity;
	for (const event of [...events].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))) {
		if (Date.parse(event.at) < after) continue;
		if (event.kind === 'clearance') current = '';
		else if (!current && startsExclusion(event.findings)) current = event.at;
	}
	return current;
}
