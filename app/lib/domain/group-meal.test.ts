import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS as settings } from './settings';
import { groupMealMustRegister, validateGroupMeal, type GroupMealInput } from './group-meal';

const TODAY = '2026-11-30';
const gathering = (overrides: Partial<GroupMealInput> = {}): GroupMealInput => ({
	date: '2026-12-05',
	meal: 'dinner',
	headcount: 120,
	occasion: '婚宴',
	organiser: '张先生',
	organiser_phone: '13800000000',
	dishes: ['红烧肉', '清蒸鱼'],
	chef: '王建国',
	samples_kept: true,
	...overrides
});
const check = (input: GroupMealInput, canteenType = 'restaurant') => validateGroupMeal({ input, today: TODAY, settings, canteenType });

describe('聚餐登记: gatherings registered beforehand', () => {
	it('must be registered from 50 diners (a setting), not at 49', () => {
		expect(groupMealMustRegister(49, settings)).toBe(false);
		expect(groupMealMustRegister(50, settings)).toBe(true);
	});

	it('accepts today or later, refuses a gathering already past', () => {
		expect(check(gathering({ date: TODAY }))).toEqual([]);
		expect(check(gathering({ date: '2026-11-29' }))).toEqual([{ field: 'date', code: 'group_meal_in_past' }]);
	});

	it('is sampled over 100 diners: 100 without samples is allowed, 101 is refused', () => {
		expect(check(gathering({ headcount: 100, samples_kept: false }))).toEqual([]);
		expect(check(gathering({ headcount: 101, samples_kept: false }))).toEqual([{ field: 'samples_kept', code: 'group_meal_samples_required', params: { limit: 100 } }]);
	});

	it('needs who organises it and a phone to reach them, and keeps a school’s banned dishes off its menu', () => {
		expect(check(gathering({ organiser: ' ', organiser_phone: 'abc' })).map((e) => e.field)).toEqual(['organiser', 'organiser_phone']);
		expect(check(gathering({ dishes: ['凉拌猪耳'] }), 'school')).toEqual([{ field: 'dishes', code: 'menu_banned_cold_meat', params: { name: '凉拌猪耳' } }]);
		expect(check(gathering({ dishes: ['凉拌猪耳'] }), 'restaurant')).toEqual([]);
	});
});
