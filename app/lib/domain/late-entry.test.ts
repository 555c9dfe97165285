import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS as settings, eventTimeError, lateEntryFindings } from '.';

const event = '2026-11-20T04:00:00.000Z';
const after = (minutes: number) => new Date(Date.parse(event) + minutes * 60_000).toISOString();

describe('补录 late entries', () => {
	it('marks an entry made more than two hours after the event, not one made at two hours', () => {
		expect(lateEntryFindings({ eventAt: event, enteredAt: after(120), settings })).toEqual([]);
		expect(lateEntryFindings({ eventAt: event, enteredAt: after(121), settings })).toEqual([
			{ code: 'late.entry', params: { hours: 2 } }
		]);
		expect(lateEntryFindings({ eventAt: event, enteredAt: after(7 * 24 * 60), settings })[0]?.params.hours).toBe(168);
	});

	it('follows the canteen setting', () => {
		const strict = { ...settings, lateEntry: { afterMinutes: 30, clockSkewMinutes: 5 } };
		expect(lateEntryFindings({ eventAt: event, enteredAt: after(31), settings: strict })).toHaveLength(1);
	});

	it('marks a tablet whose clock differs from the server by more than five minutes, either way', () => {
		expect(lateEntryFindings({ eventAt: event, enteredAt: event, clockOffsetMs: 5 * 60_000, settings })).toEqual([]);
		expect(lateEntryFindings({ eventAt: event, enteredAt: event, clockOffsetMs: 5 * 60_000 + 1000, settings })).toEqual([
			{ code: 'late.device_clock', params: { minutes: 5 } }
		]);
		expect(lateEntryFindings({ eventAt: event, enteredAt: event, clockOffsetMs: -3 * 3600_000, settings })).toEqual([
			{ code: 'late.device_clock', params: { minutes: -180 } }
		]);
	});

	it('does not guess for a record saved before entry times were kept', () => {
		expect(lateEntryFindings({ eventAt: event, enteredAt: undefined, settings })).toEqual([]);
	});

	it('refuses an event later than its entry beyond the clock tolerance', () => {
		expect(eventTimeError({ eventAt: after(5), enteredAt: event, settings })).toBeNull();
		expect(eventTimeError({ eventAt: after(6), enteredAt: event, settings })).toEqual({ code: 'event_in_future' });
	});
});
