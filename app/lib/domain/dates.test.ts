import { describe, expect, it } from 'vitest';
import { addDaysTo, addYearsTo, daysBetween, isLocalDate, localDateOf, monthStartOf, weekStartOf } from './dates';

describe('calendar days', () => {
	it('accepts only real days', () => {
		expect(isLocalDate('2028-02-29')).toBe(true);
		expect(isLocalDate('2026-02-29')).toBe(false);
		expect(isLocalDate('2026-13-01')).toBe(false);
		expect(isLocalDate('2026-1-01')).toBe(false);
		expect(isLocalDate(20261122)).toBe(false);
	});

	it('counts days across months, years and leap days', () => {
		expect(daysBetween('2026-11-22', '2026-12-22')).toBe(30);
		expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
		expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
		expect(daysBetween('2026-11-22', '2026-11-21')).toBe(-1);
	});

	it('adds days and years', () => {
		expect(addDaysTo('2026-12-31', 1)).toBe('2027-01-01');
		expect(addDaysTo('2026-03-01', -1)).toBe('2026-02-28');
		expect(addYearsTo('2026-11-22', 1)).toBe('2027-11-22');
		expect(addYearsTo('2028-02-29', 1)).toBe('2029-02-28');
	});

	it('places an instant on the canteen’s day whatever the runtime’s zone', () => {
		expect(localDateOf('2026-11-21T16:00:00.000Z', 480)).toBe('2026-11-22');
		expect(localDateOf(new Date('2026-11-21T15:59:59.999Z'), 480)).toBe('2026-11-21');
	});
});

describe('weeks and months', () => {
	it('start on Monday and on the 1st', () => {
		expect(weekStartOf('2026-11-22')).toBe('2026-11-16');
		expect(weekStartOf('2026-11-16')).toBe('2026-11-16');
		expect(weekStartOf('2026-11-01')).toBe('2026-10-26');
		expect(monthStartOf('2026-11-22')).toBe('2026-11-01');
	});
});
