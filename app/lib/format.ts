// How instants are shown in lists: the tablet's own clock, HH:MM; with the date when the record belongs
// to another day than the one shown (a 补录 back-filled today for last week).

const parse = (value: string | Date) => (value instanceof Date ? value : new Date(value.replace(' ', 'T')));

/**
 * One formatter per style, made on first use: `toLocaleTimeString` builds a new one on every call,
 * which cost 14 ms of the kiosk's offline start for a morning's list of checks (bench/kiosk profile).
 */
const formatter = (options: Intl.DateTimeFormatOptions) => {
	let made: Intl.DateTimeFormat | undefined;
	return (value: string | Date) => (made ??= new Intl.DateTimeFormat('zh-CN', options)).format(parse(value));
};

export const clockTime = formatter({ hour: '2-digit', minute: '2-digit' });

/** Date and time, for entries of a history that spans days. */
export const dateTime = formatter({ hour12: false, year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });

const dayAndTime = formatter({ hour12: false, month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });

export function timeInDay(value: string, day: string | undefined, today: string): string {
	if (!day || day === today) return clockTime(value);
	return dayAndTime(value);
}

/** A share as the oversight pages print it: "83.8%", or "—" when nothing was owed. */
export function share(value: number | null): string {
	return value === null ? '—' : `${Math.round(value * 1000) / 10}%`;
}
