import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS as settings, resolveSettings } from './settings';
import { todayStatus } from './today';

const today = '2026-11-22';
// China time: lunch ends 13:00 (05:00 UTC), its disinfection is due 14:00 (06:00 UTC).
const china = (time: string) => new Date(`${today}T${time}:00+08:00`);
const base = { today, settings, staffCount: 2, checks: [], samples: [], disinfections: [] };
const find = (list: ReturnType<typeof todayStatus>, ledger: string, meal?: string) => list.find((d) => d.ledger === ledger && d.meal === meal)!;

describe('what the kitchen still has to record today', () => {
	it('morning checks: due until everyone is checked, an exception when someone was excluded', () => {
		expect(find(todayStatus({ ...base, now: china('07:00'), checks: [{ staff: 'a', outcome: 'fit' }] }), 'morning_checks').state).toBe('due');
		const both = [{ staff: 'a', outcome: 'fit' }, { staff: 'b', outcome: 'fit' }];
		expect(find(todayStatus({ ...base, now: china('07:00'), checks: both }), 'morning_checks')).toMatchObject({ state: 'done', done: 2, expected: 2 });
		expect(find(todayStatus({ ...base, now: china('07:00'), checks: [{ staff: 'a', outcome: 'excluded' }] }), 'morning_checks').state).toBe('exception');
	});

	it('samples: due until the end of the meal, overdue after it, done with one sample', () => {
		expect(find(todayStatus({ ...base, now: china('12:59') }), 'food_samples', 'lunch').state).toBe('due');
		expect(find(todayStatus({ ...base, now: china('13:01') }), 'food_samples', 'lunch').state).toBe('overdue');
		const lunch = [{ meal: 'lunch', taken_at: china('12:10').toISOString() }];
		expect(find(todayStatus({ ...base, now: china('13:01'), samples: lunch }), 'food_samples', 'lunch').state).toBe('done');
	});

	it('disinfection: due an hour after the meal; a run with a warning is an exception', () => {
		expect(find(todayStatus({ ...base, now: china('13:59') }), 'disinfections', 'lunch').state).toBe('due');
		expect(find(todayStatus({ ...base, now: china('14:01') }), 'disinfections', 'lunch').state).toBe('overdue');
		const run = (findings: unknown[]) => [{ started_at: china('13:20').toISOString(), findings }];
		expect(find(todayStatus({ ...base, now: china('14:01'), disinfections: run([]) }), 'disinfections', 'lunch').state).toBe('done');
		expect(find(todayStatus({ ...base, now: china('14:01'), disinfections: run([{ code: 'x' }]) }), 'disinfections', 'lunch').state).toBe('exception');
		// The lunch run does not count for breakfast.
		expect(find(todayStatus({ ...base, now: china('14:01'), disinfections: run([]) }), 'disinfections', 'breakfast').state).toBe('overdue');
	});
});

describe('cold storage readings', () => {
	it('are done when every unit was read twice, an exception when one was out of range', () => {
		const twice = settings.coldStorage.units.flatMap((unit) => [unit, unit]).map((unit) => ({ unit: unit.name, findings: [] as unknown[] }));
		expect(find(todayStatus({ ...base, now: china('10:00'), coldReadings: twice.slice(1) }), 'cold_readings')).toMatchObject({ state: 'due', done: 5, expected: 6 });
		expect(find(todayStatus({ ...base, now: china('10:00'), coldReadings: twice }), 'cold_readings').state).toBe('done');
		const warm = [{ unit: '冷藏柜', findings: [{ code: 'cold.out_of_range' }] }];
		expect(find(todayStatus({ ...base, now: china('10:00'), coldReadings: warm }), 'cold_readings').state).toBe('exception');
	});
});

describe('kitchen waste (rule 28, 日产日清)', () => {
	it('is due until 20:00, overdue after it, done with one hand-over', () => {
		expect(find(todayStatus({ ...base, now: china('19:59') }), 'waste_handovers').state).toBe('due');
		expect(find(todayStatus({ ...base, now: china('20:01') }), 'waste_handovers').state).toBe('overdue');
		expect(find(todayStatus({ ...base, now: china('20:01'), wasteHandovers: [{}] }), 'waste_handovers').state).toBe('done');
	});
});

describe('accompanied meals (rule 33)', () => {
	it('are due at every meal of a school, overdue when the meal is over without one', () => {
		const school = resolveSettings({ type: 'school' });
		expect(find(todayStatus({ ...base, settings: school, now: china('12:59') }), 'accompanied_meals', 'lunch').state).toBe('due');
		expect(find(todayStatus({ ...base, settings: school, now: china('13:01') }), 'accompanied_meals', 'lunch').state).toBe('overdue');
		const lunch = [{ meal: 'lunch' }];
		expect(find(todayStatus({ ...base, settings: school, now: china('13:01'), accompaniedMeals: lunch }), 'accompanied_meals', 'lunch').state).toBe('done');
	});

	it('are not asked of a restaurant', () => {
		const restaurant = resolveSettings({ type: 'restaurant' });
		expect(todayStatus({ ...base, settings: restaurant, now: china('13:01') }).some((due) => due.ledger === 'accompanied_meals')).toBe(false);
	});
});

describe('which canteens must sample (rule 5)', () => {
	it('puts samples due for a hospital, not for a restaurant unless it sampled anyway', () => {
		const now = china('13:01');
		const hospital = resolveSettings({ type: 'hospital' });
		const restaurant = resolveSettings({ type: 'restaurant' });
		expect(find(todayStatus({ ...base, settings: hospital, now }), 'food_samples', 'lunch').state).toBe('overdue');
		expect(todayStatus({ ...base, settings: restaurant, now }).some((d) => d.ledger === 'food_samples')).toBe(false);
		const sampled = [{ meal: 'lunch', taken_at: china('12:10').toISOString() }];
		expect(find(todayStatus({ ...base, settings: restaurant, now, samples: sampled }), 'food_samples', 'lunch').state).toBe('done');
	});
});

describe('a meal closed without every sample (rule 4)', () => {
	it('turns that meal’s samples into an exception', () => {
		const lunch = [{ meal: 'lunch', taken_at: china('12:10').toISOString() }];
		const closures = [{ meal: 'lunch', findings: [{ code: 'samples.unsampled' }] }];
		expect(find(todayStatus({ ...base, now: china('13:01'), samples: lunch, mealClosures: closures }), 'food_samples', 'lunch').state).toBe('exception');
		expect(find(todayStatus({ ...base, now: china('13:01'), samples: lunch, mealClosures: [{ meal: 'lunch', findings: [] }] }), 'food_samples', 'lunch').state).toBe('done');
	});
});

describe('weekly and monthly self-inspections', () => {
	it('are due once in their week or month where the canteen has such a checklist', () => {
		const now = china('10:00'); // Sunday 22 November 2026
		const kinds = ['weekly', 'monthly'] as ('weekly' | 'monthly')[];
		const rounds = (list: ReturnType<typeof todayStatus>) => list.filter((d) => d.ledger === 'self_inspections' && (d.round === 'weekly' || d.round === 'monthly')).map((d) => [d.round, d.state]);
		expect(rounds(todayStatus({ ...base, now, periodicKinds: kinds }))).toEqual([
			['weekly', 'due'],
			['monthly', 'due']
		]);
		// Monday the 16th is in this week; the 1st is in this month; October is not.
		const done = [
			{ kind: 'weekly', date: '2026-11-16', findings: [] },
			{ kind: 'monthly', date: '2026-10-31', findings: [] }
		];
		expect(rounds(todayStatus({ ...base, now, periodicKinds: kinds, periodicInspections: done }))).toEqual([
			['weekly', 'done'],
			['monthly', 'due']
		]);
		expect(rounds(todayStatus({ ...base, now, periodicKinds: [] }))).toEqual([]);
	});
});
