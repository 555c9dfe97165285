// The alert loop (预警—核查—处置—反馈): which exceptions become alerts, their grade, when they are due,
// and when an unanswered one earns a yellow or red card. Pure: the server raises and escalates with it,
// the pages show the same words.

/** 一类 immediate, 二类 rectify within days, 三类 routine supervision. */
export type AlertGrade = 1 | 2 | 3;
export type AlertState = 'open' | 'answered' | 'closed';
export type AlertCard = 'yellow' | 'red' | '';
export type AlertSource = 'ledger' | 'camera' | 'ai' | 'sensor' | 'inspection' | 'complaint';

/** Kinds with a grade of their own; any other finding of the rule book is 三类. */
export const ALERT_GRADES: Record<string, AlertGrade> = {
	'staff.excluded': 2,
	'cold.out_of_range': 2,
	'cold.too_warm': 2,
	'ai.rodent': 1,
	'ai.fire_unattended': 1,
	'ai.smoking': 2,
	'ai.no_hat': 3,
	'ai.no_mask': 3,
	'ai.phone': 3,
	'sensor.out_of_range': 2,
	'sensor.silent': 3,
	'camera.offline': 3,
	'ledger.refused': 3,
	'inspection.rectify': 2,
	// A complaint that people fell ill after eating reaches the regulator at once; any other is the
	// canteen's own until it is overdue (public-face.ts).
	'complaint.illness': 2,
	'complaint.received': 3
};

/** The kinds an AI camera or box may report (the plain-JSON format names them so). */
export const AI_KINDS = ['no_hat', 'no_mask', 'smoking', 'phone', 'rodent', 'fire_unattended'] as const;
export type AiKind = (typeof AI_KINDS)[number];

/** Days to rectify by grade: 一类 the same day, 二类 within 3 days, 三类 within a week. */
export const RECTIFY_DAYS: Record<AlertGrade, number> = { 1: 1, 2: 3, 3: 7 };
/**
 * Overdue alerts escalate: yellow as soon as the rectification is late, red when it is still not
 * accepted this many days later (the 湖北 practice: 5 days).
 */
export const RED_CARD_AFTER_DAYS = 5;

const DAY_MS = 24 * 3600 * 1000;

export function gradeOf(kind: string, overrides: Record<string, AlertGrade> = {}): AlertGrade {
	return overrides[kind] ?? ALERT_GRADES[kind] ?? 3;
}

export function dueAt(raisedAt: Date, grade: AlertGrade): Date {
	return new Date(raisedAt.getTime() + RECTIFY_DAYS[grade] * DAY_MS);
}

/** The card an alert carries at `now`: none while on time or once accepted. */
export function cardOf({ state, due_at, now }: { state: AlertState; due_at: string | Date | null; now: Date }): AlertCard {
	if (state === 'closed' || !due_at) return '';
	const due = typeof due_at === 'string' ? Date.parse(due_at.replace(' ', 'T')) : due_at.getTime();
	if (Number.isNaN(due) || now.getTime() <= due) return '';
	return now.getTime() > due + RED_CARD_AFTER_DAYS * DAY_MS ? 'red' : 'yellow';
}

export interface AlertSummary {
	/** The kind, also the message key (alert.kind.<kind>). */
	code: string;
	/** Details without personal data: no names, no temperatures of people. */
	params: Record<string, string | number>;
}

interface LedgerFinding {
	code: string;
	severity?: string;
	params?: Record<string, unknown>;
}

/** Only what may travel to a regulator: numbers, and short words that name things rather than people. */
function publicParams(params: Record<string, unknown> | undefined, allowed: string[]): Record<string, string | number> {
	const out: Record<string, string | number> = {};
	for (const key of allowed) {
		const value = params?.[key];
		if (typeof value === 'number' || (typeof value === 'string' && value.length <= 60)) out[key] = value;
	}
	return out;
}

/**
 * The alert a stored ledger record raises, or null. A morning check raises one only when it excluded
 * someone (warnings are corrected on the spot); other ledgers raise one for the first finding of the
 * rule book they carry.
 */
export function alertOfLedgerRecord(ledger: string, record: { outcome?: string; findings?: unknown; reason?: string; unit?: string; meal?: string }): AlertSummary | null {
	const findings = Array.isArray(record.findings) ? (record.findings as LedgerFinding[]).filter((f) => f && typeof f.code === 'string') : [];
	if (ledger === 'morning_checks') {
		if (record.outcome !== 'excluded') return null;
		// "1 person excluded today: fever" — the reasons, never who or how hot.
		const reasons = findings.filter((f) => f.severity !== 'warn').map((f) => f.code).filter((code, index, all) => all.indexOf(code) === index);
		return { code: 'staff.excluded', params: { reasons: reasons.join(',').slice(0, 60) } };
	}
	if (ledger === 'voids' || findings.length === 0) return null;
	const first = findings[0]!;
	return {
		code: first.code,
		params: {
			...publicParams(first.params, ['temperature', 'min', 'max', 'date', 'days', 'name', 'kind', 'item']),
			...(record.unit ? { unit: record.unit.slice(0, 60) } : {}),
			...(record.meal ? { meal: record.meal } : {}),
			...(record.reason ? { overridden: 1 } : {}),
			ledger
		}
	};
}
