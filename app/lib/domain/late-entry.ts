// 补录 (late entry, issue 3): a record keeps when the event happened and when it was entered. Entered
// long after the event, or on a tablet whose clock is off, it is marked wherever it is shown, so that a
// week of sheets back-filled at the end of the month is visible as such.
import { LEDGER_DEFINITIONS, type ChainedCollection } from './ledgers';
import type { CanteenSettings } from './settings';

/** The field of `collection` that says when the thing itself happened (its definition, ledgers.ts). */
export function eventFieldOf(collection: ChainedCollection): string {
	return LEDGER_DEFINITIONS[collection].eventField;
}

export interface LateFinding {
	code: 'late.entry' | 'late.device_clock';
	params: Record<string, number>;
}

const MINUTE = 60_000;

/**
 * Why a record counts as 补录: entered more than `lateEntry.afterMinutes` after the event (both on the
 * tablet's clock), and/or saved on a tablet whose clock differed from the server's by more than
 * `lateEntry.clockSkewMinutes` (known only on arrival: `clockOffsetMs` = server − tablet).
 */
export function lateEntryFindings({
	eventAt,
	enteredAt,
	clockOffsetMs,
	settings
}: {
	eventAt: string;
	enteredAt: string | undefined;
	clockOffsetMs?: number;
	settings: CanteenSettings;
}): LateFinding[] {
	const findings: LateFinding[] = [];
	const event = Date.parse(eventAt);
	const entered = enteredAt ? Date.parse(enteredAt) : NaN;
	if (Number.isFinite(event) && Number.isFinite(entered) && entered - event > settings.lateEntry.afterMinutes * MINUTE) {
		findings.push({ code: 'late.entry', params: { hours: Math.round(((entered - event) / (60 * MINUTE)) * 10) / 10 } });
	}
	if (clockOffsetMs !== undefined && Number.isFinite(clockOffsetMs) && Math.abs(clockOffsetMs) > settings.lateEntry.clockSkewMinutes * MINUTE) {
		findings.push({ code: 'late.device_clock', params: { minutes: Math.round(clockOffsetMs / MINUTE) } });
	}
	return findings;
}

/** An event cannot happen after it was written down (beyond the clock tolerance): BLOCK. */
export function eventTimeError({
	eventAt,
	enteredAt,
	settings
}: {
	eventAt: string;
	enteredAt: string;
	settings: CanteenSettings;
}): { code: 'event_in_future' } | null {
	const event = Date.parse(eventAt);
	const entered = Date.parse(enteredAt);
	if (!Number.isFinite(event) || !Number.isFinite(entered)) return null;
	return event - entered > settings.lateEntry.clockSkewMinutes * MINUTE ? { code: 'event_in_future' } : null;
}

/**
 * The 补录 marks to show for a record: the server's (it also knows the tablet's clock) once the record
 * came back from it, otherwise what the tablet can tell by itself.
 */
export function latenessOf({
	collection,
	record,
	settings
}: {
	collection: ChainedCollection;
	record: { late?: LateFinding[] | null; entered_at?: string } & Record<string, unknown>;
	settings: CanteenSettings;
}): LateFinding[] {
	if (Array.isArray(record.late)) return record.late;
	const eventAt = String(record[eventFieldOf(collection)] ?? '').replace(' ', 'T');
	return lateEntryFindings({ eventAt, enteredAt: record.entered_at?.replace(' ', 'T'), settings });
}
