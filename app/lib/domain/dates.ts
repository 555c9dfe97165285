// Calendar days as `yyyy-MM-dd`, computed on UTC midnights so that the result never depends on the
// time zone of the device or server running the code. Plain arithmetic rather than date-fns: these
// run for every record in the server's JS hooks, where date-fns' parsing and formatting cost about
// 0.4 ms per record in PocketBase's interpreter (bench/, 1,000-check upload).

/** A calendar day in the canteen's time zone, as `yyyy-MM-dd`. */
export type LocalDate = string;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** UTC midnight of a calendar day, or NaN when it is not a real day (2026-02-30). */
function utcMidnight(date: string): number {
	const match = LOCAL_DATE.exec(date);
	if (!match) return Number.NaN;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const time = Date.UTC(year, month - 1, day);
	const back = new Date(time);
	return back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === day
		? time
		: Number.NaN;
}

function fromUtcMidnight(time: number): LocalDate {
	return new Date(time).toISOString().slice(0, 10);
}

export function isLocalDate(value: unknown): value is LocalDate {
	return typeof value === 'string' && !Number.isNaN(utcMidnight(value));
}

/**
 * The canteen's calendar day of an instant. Computed from a fixed offset rather than the runtime's
 * zone, so a tablet, the server (UTC) and a test machine all agree on which day a check belongs to.
 */
export function localDateOf(instant: Date | string, utcOffsetMinutes: number): LocalDate {
	const time = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
	return fromUtcMidnight(time + utcOffsetMinutes * 60_000);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
	return Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS);
}

export function addDaysTo(date: LocalDate, days: number): LocalDate {
	return fromUtcMidnight(utcMidnight(date) + days * DAY_MS);
}

/** The same calendar day `years` later; 29 February becomes 28 February in a common year. */
export function addYearsTo(date: LocalDate, years: number): LocalDate {
	return addMonthsTo(date, years * 12);
}

/** The same calendar day `months` later, or the month's last day when it has no such day (31 → 30). */
export function addMonthsTo(date: LocalDate, months: number): LocalDate {
	const start = new Date(utcMidnight(date));
	const target = start.getUTCMonth() + months;
	const shifted = new Date(Date.UTC(start.getUTCFullYear(), target, start.getUTCDate()));
	// Date.UTC rolls 31 April over into May; step back to the last day of the intended month.
	if (shifted.getUTCMonth() !== ((target % 12) + 12) % 12) shifted.setUTCDate(0);
	return fromUtcMidnight(shifted.getTime());
}

/** The Monday of the week `date` falls in (Chinese weeks start on Monday). */
export function weekStartOf(date: LocalDate): LocalDate {
	const weekday = new Date(utcMidnight(date)).getUTCDay();
	return addDaysTo(date, -((weekday + 6) % 7));
}

export function monthStartOf(date: LocalDate): LocalDate {
	return `${date.slice(0, 8)}01`;
}
