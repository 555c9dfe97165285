import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS as settings } from './settings';
import { sampleState, validateDisposal, validateFoodSample, type FoodSampleInput } from './food-sample';

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
