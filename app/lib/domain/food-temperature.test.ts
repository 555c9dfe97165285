import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS as settings } from './settings';
import { assessFoodTemperature, holdingDue, validateFoodTemperature, type FoodTemperatureInput } from './food-temperature';
import { judgeRecord } from './ledgers';

// 12:00 in China on 2026-11-22.
const NOON = '2026-11-22T04:00:00.000Z';
const hoursAfter = (hours: number) => new Date(Date.parse(NOON) + hours * 3_600_000).toISOString();
const reading = (overrides: Partial<FoodTemperatureInput> = {}): FoodTemperatureInput => ({
	dish: '红烧肉',
	meal: 'lunch',
	kind: 'cooked',
	temperature_c: 75,
	measured_at: NOON,
	cooked_at: '',
	measured_by: '陈静',
	reason: '',
	accepted_by: '',
	...overrides
});

describe('rule 30: core temperature when cooked or reheated', () => {
	it('passes 70 °C, flags 69.9 °C (also when reheating), and saves it only with what was done (REASON)', () => {
		expect(assessFoodTemperature({ input: reading({ temperature_c: 70 }), settings })).toEqual([]);
		for (const kind of ['cooked', 'reheated'] as const) {
			expect(assessFoodTemperature({ input: reading({ kind, temperature_c: 69.9 }), settings })).toEqual([{ code: 'food_temp.undercooked', params: { temperature: 69.9, min: 70 } }]);
		}
		expect(validateFoodTemperature({ input: reading({ temperature_c: 69.9 }), settings }).map((e) => e.code)).toEqual(['reason_required', 'reason_required']);
		expect(validateFoodTemperature({ input: reading({ temperature_c: 69.9, reason: '回锅加热至 80 ℃', accepted_by: '王建国' }), settings })).toEqual([]);
	});

	it('refuses an impossible reading or a missing one', () => {
		expect(validateFoodTemperature({ input: reading({ temperature_c: 700 }), settings })).toEqual([{ field: 'temperature_c', code: 'food_temp_implausible', params: { temperature: 700, min: -30, max: 130 } }]);
		expect(validateFoodTemperature({ input: reading({ temperature_c: null, dish: ' ' }), settings }).map((e) => e.field)).toEqual(['dish', 'temperature_c']);
	});
});

describe('rule 31: holding after cooking', () => {
	it('hot must be above 60 °C and cold below 8 °C: 60 °C and 8 °C are flagged, 60.1 °C and 7.9 °C are not', () => {
		const held = (kind: 'held_hot' | 'held_cold', temperature_c: number) => assessFoodTemperature({ input: reading({ kind, temperature_c, cooked_at: NOON, measured_at: hoursAfter(2.5) }), settings });
		expect(held('held_hot', 60)).toEqual([{ code: 'food_temp.hot_holding_low', params: { temperature: 60, min: 60 } }]);
		expect(held('held_hot', 60.1)).toEqual([]);
		expect(held('held_cold', 8)).toEqual([{ code: 'food_temp.cold_holding_high', params: { temperature: 8, max: 8 } }]);
		expect(held('held_cold', 7.9)).toEqual([]);
	});

	it('needs when the dish was cooked, not after the reading', () => {
		expect(validateFoodTemperature({ input: reading({ kind: 'held_hot', cooked_at: '' }), settings })).toEqual([{ field: 'cooked_at', code: 'required' }]);
		expect(validateFoodTemperature({ input: reading({ kind: 'held_hot', cooked_at: hoursAfter(1) }), settings })).toEqual([{ field: 'cooked_at', code: 'held_before_cooked' }]);
	});

	it('reminds about a dish cooked over 2 h ago with no holding reading, until one is logged or the meal is closed', () => {
		const cooked = reading();
		const due = (now: string, records: FoodTemperatureInput[] = [cooked], closedMeals: string[] = []) => holdingDue({ records, closedMeals, now: new Date(now), settings });
		expect(due(hoursAfter(2))).toEqual([]);
		expect(due(hoursAfter(2.05))).toEqual([{ dish: '红烧肉', meal: 'lunch', cooked_at: NOON, hours: 2 }]);
		expect(due(hoursAfter(3), [cooked, reading({ kind: 'held_hot', temperature_c: 65, cooked_at: NOON, measured_at: hoursAfter(2.5) })])).toEqual([]);
		expect(due(hoursAfter(3), [cooked], ['lunch'])).toEqual([]);
	});

	it('files a reading under the canteen’s day, through the judgement the server makes too', () => {
		expect(judgeRecord('food_temperatures', reading(), { settings, refs: {}, photo: false }).derived).toEqual({ findings: [], date: '2026-11-22' });
	});
});
