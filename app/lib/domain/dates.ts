import { addDays, addYears, differenceInCalendarDays, format, parseISO } from 'date-fns';

/** A calendar day in the canteen's time zone, as `yyyy-MM-dd`. */
export type LocalDate = string;

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isLocalDate(value: unknown): value is LocalDate {
	return typeof value === 'string' && LOCAL_DATE.test(value) && !Number.isNaN(parseISO(value).getTime());
}

/**
 * The canteen's calendar day of an instant. Computed from a fixed offset rather than the runtime's
 * zone, so a tablet, the server (UTC) and a test machine all agree on which day a check belongs to.
 */
export function localDateOf(instant: Date | string, utcOffsetMinutes: number): LocalDate {
	const time = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
	return new Date(time + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
	return differenceInCalendarDays(parseISO(to), parseISO(from));
}

export function addDaysTo(date: LocalDate, days: number): LocalDate {
	return format(addDays(parseISO(date), days), 'yyyy-MM-dd');
}

/** The same calendar day `years` later (29 February becomes 28 February). */
export function addYearsTo(date: LocalDate, years: number): LocalDate {
	return format(addYears(parseISO(date), years), 'yyyy-MM-dd');
}
