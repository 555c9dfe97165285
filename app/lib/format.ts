// How instants are shown in lists: the tablet's own clock, HH:MM; with the date when the record belongs
// to another day than the one shown (a 补录 back-filled today for last week).

const parse = (value: string | Date) => (value instanceof Date ? value : new Date(value.replace(' ', 'T')));

export function clockTime(value: string | Date): string {
	return parse(value).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit' });
}

/** Date and time, for entries of a history that spans days. */
export function dateTime(value: string | Date): string {
	return parse(value).toLocaleString('zh-CN', { hour12: false, year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function timeInDay(value: string, day: string | undefined, today: string): string {
	if (!day || day === today) return clockTime(value);
	return parse(value).toLocaleString('zh-CN', { hour12: false, month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}
