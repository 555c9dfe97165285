import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS as settings } from './settings';
import { assessColdReading, validateColdReading, type ColdReadingInput } from './cold-storage';

const reading = (overrides: Partial<ColdReadingInput>): ColdReadingInput => ({
	unit: '冷藏柜',
	kind: 'refrigerator',
	temperature_c: 4,
	read_at: '2026-11-22T00:30:00.000Z',
	read_by: '陈静',
	reason: '',
	accepted_by: '',
	...overrides
});

describe('rules 6 and 29: cold storage temperatures', () => {
	it('a fridge holds 0–8 °C: 0 and 8 pass, −0.5 and 8.5 are warnings', () => {
		for (const t of [0, 8]) expect(assessColdReading({ input: reading({ temperature_c: t }), settings }), String(t)).toEqual([]);
		expect(assessColdReading({ input: reading({ temperature_c: 8.5 }), settings })).toEqual([
			{ code: 'cold.out_of_range', params: { temperature: 8.5, min: 0, max: 8 } }
		]);
		expect(assessColdReading({ input: reading({ temperature_c: -0.5, kind: 'sample_fridge' }), settings })[0]?.code).toBe('cold.out_of_range');
	});

	it('a freezer holds −12 °C or colder', () => {
		expect(assessColdReading({ input: reading({ kind: 'freezer', temperature_c: -12 }), settings })).toEqual([]);
		expect(assessColdReading({ input: reading({ kind: 'freezer', temperature_c: -11.5 }), settings })).toEqual([
			{ code: 'cold.too_warm', params: { temperature: -11.5, max: -12 } }
		]);
	});

	it('saves a reading out of range only with the corrective action and who accepted it; refuses an impossible one', () => {
		expect(validateColdReading({ input: reading({ temperature_c: 11 }), settings }).map((e) => e.field)).toEqual(['reason', 'accepted_by']);
		expect(validateColdReading({ input: reading({ temperature_c: 11, reason: '门未关严，已关好并转移食品', accepted_by: '王建国' }), settings })).toEqual([]);
		expect(validateColdReading({ input: reading({ temperature_c: 55 }), settings })).toEqual([{ field: 'temperature_c', code: 'cold_reading_implausible' }]);
	});
});
