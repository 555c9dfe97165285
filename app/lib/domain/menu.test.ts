import { describe, expect, it } from 'vitest';
import { bannedDishKind, dishesOf, parseDishLines, validateMenu, type MenuInput } from './menu';

const MONDAY = '2026-11-30';

describe('rule 32: dishes school canteens may not serve, however they are typed', () => {
	it('recognises each banned kind under its usual names, in traditional characters, full width or spaced', () => {
		const cases: [string, string][] = [
			['凉拌猪耳', 'cold_meat'],
			['夫妻肺片', 'cold_meat'],
			['冷荤拼盘', 'cold_meat'],
			['涼拌雞絲', 'cold_meat'],
			['三文鱼刺身', 'raw'],
			['醉蝦', 'raw'],
			['奶油裱花蛋糕', 'cream_cake'],
			['干煸四季豆', 'green_beans'],
			['四 季 豆', 'green_beans'],
			['豆角焖面', 'green_beans'],
			['鮮黃花菜炒蛋', 'fresh_day_lily'],
			['野生菌汤', 'wild_mushroom'],
			['雞樅炒肉', 'wild_mushroom'],
			['發芽土豆丝', 'sprouted_potato'],
			['ｓ发芽马铃薯', 'sprouted_potato']
		];
		for (const [name, kind] of cases) expect(bannedDishKind(name), name).toBe(kind);
	});

	it('leaves alone what only looks like one: lettuce, peanuts, long beans, dried day-lily, potatoes, cooked mushrooms', () => {
		for (const name of ['生菜', '花生米', '炒豇豆', '干黄花菜烧肉', '土豆丝', '红烧肉', '凉拌黄瓜', '奶油南瓜汤', '蘑菇炒肉', '生煎包', '香菇青菜']) {
			expect(bannedDishKind(name), name).toBeNull();
		}
	});
});

describe('the weekly menu', () => {
	const menu = (days: MenuInput['days'], weekStart = MONDAY): MenuInput => ({ week_start: weekStart, days });

	it('refuses a banned dish on a school or kindergarten menu, naming it; a restaurant may serve it', () => {
		const planned = menu({ '2026-12-02': { lunch: [{ name: '红烧肉', grams: 100 }, { name: '干煸四季豆', grams: 80 }] } });
		for (const canteenType of ['school', 'kindergarten']) {
			expect(validateMenu({ menu: planned, canteenType })).toEqual([{ field: 'days.2026-12-02.lunch.1', code: 'menu_banned_green_beans', params: { name: '干煸四季豆' } }]);
		}
		expect(validateMenu({ menu: planned, canteenType: 'restaurant' })).toEqual([]);
	});

	it('is kept by the week from a Monday, with plausible amounts', () => {
		expect(validateMenu({ menu: menu({}, '2026-12-01'), canteenType: 'school' })).toEqual([{ field: 'week_start', code: 'menu_week_start' }]);
		expect(validateMenu({ menu: menu({ '2026-12-07': { lunch: [{ name: '米饭', grams: 150 }] } }), canteenType: 'school' })[0]?.code).toBe('menu_day_outside_week');
		expect(validateMenu({ menu: menu({ '2026-11-30': { lunch: [{ name: '米饭', grams: 0 }] } }), canteenType: 'school' })[0]?.code).toBe('menu_grams');
	});

	it('reads what a manager types, one dish per line with an optional amount, and gives the dishes of a meal', () => {
		const dishes = parseDishLines('红烧肉 100g\n清炒时蔬 150 克\n米饭，番茄蛋汤');
		expect(dishes).toEqual([
			{ name: '红烧肉', grams: 100 },
			{ name: '清炒时蔬', grams: 150 },
			{ name: '米饭', grams: null },
			{ name: '番茄蛋汤', grams: null }
		]);
		expect(dishesOf({ days: { [MONDAY]: { lunch: dishes } } }, MONDAY, 'lunch')).toEqual(['红烧肉', '清炒时蔬', '米饭', '番茄蛋汤']);
		expect(dishesOf(undefined, MONDAY, 'lunch')).toEqual([]);
	});
});
