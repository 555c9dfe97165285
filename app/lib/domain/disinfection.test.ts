import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS as settings } from './settings';
import { assessDisinfection, validateDisinfection, type DisinfectionInput } from './disinfection';

const start = '2026-11-22T05:00:00.000Z';
const after = (secondsLater: number) => new Date(Date.parse(start) + secondsLater * 1000).toISOString();
const run = (overrides: Partial<DisinfectionInput>): DisinfectionInput => ({
	method: 'boiling',
	items: '餐盘、碗',
	quantity: 200,
	temperature_c: 100,
	concentration_mg_l: null,
	started_at: start,
	ended_at: after(600),
	operator: '陈静',
	reason: '',
	accepted_by: '',
	rinsed_at: '',
	solution_made_at: '',
	...overrides
});
/** A soak rinsed a minute after it ended, in a solution made an hour before. */
const soak = { method: 'chlorine' as const, temperature_c: null, concentration_mg_l: 250, ended_at: after(300), rinsed_at: after(360), solution_made_at: after(-3600) };

describe('rules 14–17: each method’s minimum', () => {
	it('boiling: 100 °C for 10 min passes; 99 °C or 9 min 59 s is a warning', () => {
		expect(assessDisinfection({ input: run({}), settings })).toEqual([]);
		expect(assessDisinfection({ input: run({ temperature_c: 99 }), settings })).toEqual([
			{ code: 'disinfection.too_cool', params: { temperature: 99, min: 100 } }
		]);
		expect(assessDisinfection({ input: run({ ended_at: after(599) }), settings })).toEqual([
			{ code: 'disinfection.too_short', params: { seconds: 599, min: 600 } }
		]);
	});

	it('counts a run 0.4 s short of its minimum as short, not rounded up to it (issue 15)', () => {
		const started = '2026-11-22T03:00:00.000Z';
		const ended = (ms: number) => new Date(Date.parse(started) + ms).toISOString();
		expect(assessDisinfection({ input: run({ started_at: started, ended_at: ended(599_600) }), settings })).toEqual([
			{ code: 'disinfection.too_short', params: { seconds: 599, min: 600 } }
		]);
		expect(assessDisinfection({ input: run({ started_at: started, ended_at: ended(600_000) }), settings })).toEqual([]);
	});

	it('infrared cabinet: 120 °C; dishwasher: 85 °C for 40 s', () => {
		expect(assessDisinfection({ input: run({ method: 'infrared', temperature_c: 120 }), settings })).toEqual([]);
		expect(assessDisinfection({ input: run({ method: 'infrared', temperature_c: 119 }), settings })[0]?.code).toBe('disinfection.too_cool');
		expect(assessDisinfection({ input: run({ method: 'dishwasher', temperature_c: 85, ended_at: after(40) }), settings })).toEqual([]);
		expect(assessDisinfection({ input: run({ method: 'dishwasher', temperature_c: 85, ended_at: after(39) }), settings })[0]?.code).toBe(
			'disinfection.too_short'
		);
	});

	it('chlorine soak: 250 mg/L for 5 min; 249 mg/L is a warning', () => {
		expect(assessDisinfection({ input: run({ ...soak, concentration_mg_l: 250 }), settings })).toEqual([]);
		expect(assessDisinfection({ input: run({ ...soak, concentration_mg_l: 249 }), settings })).toEqual([
			{ code: 'disinfection.too_weak', params: { concentration: 249, min: 250 } }
		]);
	});
});

describe('rules 17–18: the rinse after a chlorine soak and the age of its solution', () => {
	it('asks for the reason when no rinse is recorded (REASON), and refuses a rinse before the soak ended', () => {
		const unrinsed = run({ ...soak, rinsed_at: '' });
		expect(assessDisinfection({ input: unrinsed, settings })).toEqual([{ code: 'disinfection.not_rinsed', params: {} }]);
		expect(validateDisinfection({ input: unrinsed, settings }).map((e) => e.code)).toEqual(['reason_required', 'reason_required']);
		expect(validateDisinfection({ input: run({ ...soak, rinsed_at: after(299) }), settings })).toEqual([{ field: 'rinsed_at', code: 'rinse_before_end' }]);
		expect(validateDisinfection({ input: run({ ...soak, rinsed_at: after(300) }), settings })).toEqual([]);
	});

	it('warns about a solution made more than 4 h before the soak (exactly 4 h is fine), without asking a reason', () => {
		const fourHours = run({ ...soak, solution_made_at: after(-4 * 3600) });
		expect(assessDisinfection({ input: fourHours, settings })).toEqual([]);
		const older = run({ ...soak, solution_made_at: new Date(Date.parse(start) - 4 * 3600_000 - 1).toISOString() });
		expect(assessDisinfection({ input: older, settings })).toEqual([{ code: 'disinfection.solution_old', params: { hours: 4, max: 4 } }]);
		expect(validateDisinfection({ input: older, settings })).toEqual([]);
		expect(assessDisinfection({ input: run({ ...soak, solution_made_at: '' }), settings })).toEqual([{ code: 'disinfection.solution_age_unknown', params: {} }]);
		expect(validateDisinfection({ input: run({ ...soak, solution_made_at: after(1) }), settings })).toEqual([{ field: 'solution_made_at', code: 'solution_after_start' }]);
	});
});

describe('saving a disinfection record', () => {
	it('saves a run below the minimum only with a reason and who accepted it (REASON)', () => {
		const cool = run({ temperature_c: 95 });
		expect(validateDisinfection({ input: cool, settings }).map((e) => e.field)).toEqual(['reason', 'accepted_by']);
		expect(validateDisinfection({ input: { ...cool, reason: '蒸汽阀故障，已改用消毒柜重新消毒', accepted_by: '王建国' }, settings })).toEqual([]);
	});

	it('refuses an incomplete run, or one that ends before it starts', () => {
		expect(validateDisinfection({ input: run({ items: '', temperature_c: null }), settings }).map((e) => e.field)).toEqual([
			'items',
			'temperature_c'
		]);
		expect(validateDisinfection({ input: run({ ended_at: after(-60) }), settings })).toEqual([{ field: 'ended_at', code: 'ends_before_start' }]);
	});
});
