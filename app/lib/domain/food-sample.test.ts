import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS as settings } from './settings';
import { assessMealClosure, sampleState, unsampledDishes, validateDisposal, validateFoodSample, validateMealClosure, type FoodSampleInput } from './food-sample';

const sample: FoodSampleInput = {
	meal: 'lunch',
	dish: '番茄炒蛋',
	weight_g: 125,
	taken_at: '2026-11-20T04:00:00.000Z',
	taken_by: '李秀英',
	fridge: '留样柜'
};
const after = (hours: number, minutes = 0) => new Date(Date.parse(sample.taken_at) + (hours * 60 + minutes) * 60_000);

describe('rule 1: at least 125 g of every dish', () => {
	it('accepts 125 g and refuses 124 g, naming both weights', () => {
		expect(validateFoodSample({ input: sample, settings })).toEqual([]);
		expect(validateFoodSample({ input: { ...sample, weight_g: 124 }, settings })).toEqual([
			{ field: 'weight_g', code: 'sample_too_light', params: { weight: 124, min: 125 } }
		]);
	});

	it('follows a canteen’s own minimum', () => {
		const stricter = { ...settings, samples: { ...settings.samples, minWeightG: 150 } };
		expect(validateFoodSample({ input: { ...sample, weight_g: 149 }, settings: stricter })[0]?.code).toBe('sample_too_light');
	});
});

describe('rule 3: a sample record is complete', () => {
	it('refuses a missing dish, weight, person or time', () => {
		const empty = { ...sample, dish: ' ', weight_g: null, taken_by: '', taken_at: '' };
		expect(validateFoodSample({ input: empty, settings }).map((e) => e.field).sort()).toEqual(['dish', 'taken_at', 'taken_by', 'weight_g']);
	});
});

describe('rule 2: kept 48 hours', () => {
	it('refuses disposal at 47 h 59 min and allows it at 48 h', () => {
		expect(validateDisposal({ sample, disposedAt: after(47, 59).toISOString(), settings })).toEqual([
			{ field: 'disposed_at', code: 'sample_kept_too_short', params: { hours: 47, keep: 48 } }
		]);
		expect(validateDisposal({ sample, disposedAt: after(48).toISOString(), settings })).toEqual([]);
	});

	it('says when a sample may go, and warns when one was forgotten after 72 h', () => {
		expect(sampleState(sample, after(47, 59), settings)).toBe('keeping');
		expect(sampleState(sample, after(48), settings)).toBe('disposable');
		expect(sampleState(sample, after(71, 59), settings)).toBe('disposable');
		expect(sampleState(sample, after(72), settings)).toBe('overdue');
	});
});

describe('closing a meal (rule 4)', () => {
	const close = (dishes: string[], reason = '', accepted_by = '') => ({
		meal: 'lunch' as const,
		date: '2026-11-22',
		dishes,
		closed_at: '2026-11-22T05:00:00.000Z',
		closed_by: '李秀英',
		reason,
		accepted_by
	});
	const sampled = ['红烧肉', '番茄 炒蛋'];

	it('closes when every dish served has its sample (names compared without spaces)', () => {
		expect(validateMealClosure({ input: close(['红烧肉', '番茄炒蛋']), sampled })).toEqual([]);
		expect(assessMealClosure({ input: close(['红烧肉', '番茄炒蛋']), sampled })).toEqual([]);
	});

	it('names the dishes without a sample and closes only with a reason and who accepted it', () => {
		expect(unsampledDishes({ dishes: ['红烧肉', '米饭', '紫菜汤', '米饭'], sampled })).toEqual(['米饭', '紫菜汤']);
		expect(validateMealClosure({ input: close(['红烧肉', '米饭']), sampled })).toEqual([
			{ field: 'reason', code: 'closure_reason_required', params: { dishes: '米饭' } }
		]);
		const accepted = close(['红烧肉', '米饭'], '米饭为成品外购，已索票', '王建国');
		expect(validateMealClosure({ input: accepted, sampled })).toEqual([]);
		expect(assessMealClosure({ input: accepted, sampled })).toEqual([{ code: 'samples.unsampled', params: { dishes: '米饭' } }]);
	});

	it('refuses a closure without any dish', () => {
		expect(validateMealClosure({ input: close([' ']), sampled }).map((e) => e.field)).toEqual(['dishes']);
	});
});
