// 清洗消毒 tableware disinfection (../shared/rules.md section 4, rules 14–17): a record per run, warned
// when below the method's minimum, and then saved only with a reason and who accepted it (REASON).
import type { ErrorCode } from './error-codes';
import type { CanteenSettings } from './settings';

export const DISINFECTION_METHODS = ['boiling', 'infrared', 'dishwasher', 'chlorine', 'other'] as const;
export type DisinfectionMethod = (typeof DISINFECTION_METHODS)[number];

export interface DisinfectionInput {
	method: DisinfectionMethod;
	/** What was disinfected, e.g. 餐盘、碗、筷子. */
	items: string;
	quantity: number | null;
	/** Heat methods: the temperature reached. */
	temperature_c: number | null;
	/** Chlorine soak: available chlorine. */
	concentration_mg_l: number | null;
	started_at: string;
	ended_at: string;
	operator: string;
	/** REASON: why a run below the minimum is still accepted, and by whom. */
	reason: string;
	accepted_by: string;
	/** Rule 17: a chlorine soak is rinsed with clean water after it; when ('' = not recorded). */
	rinsed_at: string;
	/** Rule 18: when the chlorine solution was made up ('' = not recorded). */
	solution_made_at: string;
}

export interface DisinfectionFinding {
	code: 'disinfection.too_cool' | 'disinfection.too_short' | 'disinfection.too_weak' | 'disinfection.not_rinsed' | 'disinfection.solution_old' | 'disinfection.solution_age_unknown';
	params: Record<string, number>;
}

/** Findings that are only shown (WARN); every other one needs its reason and who accepted it (REASON). */
const WARN_ONLY: readonly DisinfectionFinding['code'][] = ['disinfection.solution_old', 'disinfection.solution_age_unknown'];

const HOUR = 3_600_000;

/** Whether a run with these findings is saved only with a reason and who accepted it (REASON). */
export function needsReason(findings: DisinfectionFinding[]): boolean {
	return findings.some((finding) => !WARN_ONLY.includes(finding.code));
}

export interface DisinfectionError {
	field: keyof DisinfectionInput;
	code: ErrorCode;
	params?: Record<string, string | number>;
}

const milliseconds = (input: Pick<DisinfectionInput, 'started_at' | 'ended_at'>) => Date.parse(input.ended_at) - Date.parse(input.started_at);

/**
 * Whether a run lasted its minimum, compared on the exact times: 0.4 s short is short (issue 15,
 * thresholds round in the safe direction). The seconds shown are rounded down for the same reason.
 */
const tooShort = (input: Pick<DisinfectionInput, 'started_at' | 'ended_at'>, minSeconds: number) => milliseconds(input) < minSeconds * 1000;

/** Rules 14–17: what falls short of the method's minimum (WARN). 'other' has no national figure. */
export function assessDisinfection({ input, settings }: { input: DisinfectionInput; settings: CanteenSettings }): DisinfectionFinding[] {
	const findings: DisinfectionFinding[] = [];
	const rules = settings.disinfection;
	const duration = Math.floor(milliseconds(input) / 1000);
	if (input.method === 'boiling' || input.method === 'infrared' || input.method === 'dishwasher') {
		const rule = rules[input.method];
		if (input.temperature_c !== null && input.temperature_c < rule.minTempC) {
			findings.push({ code: 'disinfection.too_cool', params: { temperature: input.temperature_c, min: rule.minTempC } });
		}
		if (tooShort(input, rule.minSeconds)) findings.push({ code: 'disinfection.too_short', params: { seconds: duration, min: rule.minSeconds } });
	}
	if (input.method === 'chlorine') {
		const rule = rules.chlorine;
		if (input.concentration_mg_l !== null && input.concentration_mg_l < rule.minMgPerL) {
			findings.push({ code: 'disinfection.too_weak', params: { concentration: input.concentration_mg_l, min: rule.minMgPerL } });
		}
		if (tooShort(input, rule.minSeconds)) findings.push({ code: 'disinfection.too_short', params: { seconds: duration, min: rule.minSeconds } });
		// Rule 17: then rinsed with clean water, so no chlorine reaches the food.
		if (!input.rinsed_at) findings.push({ code: 'disinfection.not_rinsed', params: {} });
		// Rule 18: made up more than four hours before the soak (exact; the hours shown rounded down).
		const age = Date.parse(input.started_at) - Date.parse(input.solution_made_at);
		if (!input.solution_made_at) findings.push({ code: 'disinfection.solution_age_unknown', params: {} });
		else if (age > rule.solutionMaxHours * HOUR) {
			findings.push({ code: 'disinfection.solution_old', params: { hours: Math.floor((age / HOUR) * 10) / 10, max: rule.solutionMaxHours } });
		}
	}
	return findings;
}

/** BLOCK: an incomplete record, or one below the minimum without a reason and who accepted it. */
export function validateDisinfection({ input, settings }: { input: DisinfectionInput; settings: CanteenSettings }): DisinfectionError[] {
	const errors: DisinfectionError[] = [];
	if (!DISINFECTION_METHODS.includes(input.method)) errors.push({ field: 'method', code: 'required' });
	if (!input.items?.trim()) errors.push({ field: 'items', code: 'required' });
	if (!input.operator?.trim()) errors.push({ field: 'operator', code: 'required' });
	const start = Date.parse(input.started_at);
	const end = Date.parse(input.ended_at);
	if (Number.isNaN(start) || Number.isNaN(end)) errors.push({ field: 'ended_at', code: 'required' });
	else if (end < start) errors.push({ field: 'ended_at', code: 'ends_before_start' });
	if (['boiling', 'infrared', 'dishwasher'].includes(input.method) && input.temperature_c === null) {
		errors.push({ field: 'temperature_c', code: 'required' });
	}
	if (input.method === 'chlorine' && input.concentration_mg_l === null) errors.push({ field: 'concentration_mg_l', code: 'required' });
	if (input.rinsed_at && Date.parse(input.rinsed_at) < end) errors.push({ field: 'rinsed_at', code: 'rinse_before_end' });
	if (input.solution_made_at && Date.parse(input.solution_made_at) > start) errors.push({ field: 'solution_made_at', code: 'solution_after_start' });
	if (errors.length > 0) return errors;
	if (needsReason(assessDisinfection({ input, settings }))) {
		if (!input.reason?.trim()) errors.push({ field: 'reason', code: 'reason_required' });
		if (!input.accepted_by?.trim()) errors.push({ field: 'accepted_by', code: 'reason_required' });
	}
	return errors;
}
