// 带量食谱 the weekly menu (issue 15, rule 32): the dishes of each meal of each day, with the amount per
// person where the canteen gives one. Schools and kindergartens may not put on it the dishes the school
// notices ban (c.cqhc.cn; 贵州 list): cold meat dishes, raw food, cream-decorated cakes, green beans,
// fresh day-lily, wild mushrooms, sprouted potatoes — recognised under their usual names and however
// they are typed (names.ts). The menu also proposes the dishes when a meal is closed for sampling.
import { addDaysTo, isLocalDate, weekStartOf, type LocalDate } from './dates';
import type { ErrorCode } from './error-codes';
import { MEALS, type Meal } from './food-sample';
import { normaliseName } from './names';
import type { CanteenType } from './settings';

export interface MenuDish {
	name: string;
	/** 带量: grams per person, when given. */
	grams: number | null;
}

/** One week: day (YYYY-MM-DD) → meal → dishes. */
export interface MenuInput {
	week_start: LocalDate;
	days: Partial<Record<LocalDate, Partial<Record<Meal, MenuDish[]>>>>;
}

export interface MenuError {
	field: string;
	code: ErrorCode;
	params?: Record<string, string | number>;
}

export const BANNED_DISH_KINDS = ['cold_meat', 'raw', 'cream_cake', 'green_beans', 'fresh_day_lily', 'wild_mushroom', 'sprouted_potato'] as const;
export type BannedDishKind = (typeof BANNED_DISH_KINDS)[number];

/** The canteen types rule 32 applies to: primary and secondary schools and kindergartens. */
export const BANNED_DISHES_APPLY_TO: readonly CanteenType[] = ['school', 'kindergarten'];

const MEAT = '(肉|鸡|鸭|鹅|牛|羊|猪|兔|肚|耳|舌|肠|肝|肺|蹄|爪|翅|排骨|腱)';

/**
 * Each banned kind as patterns over normalised names. Dried day-lily (干黄花菜) and cooked potatoes are
 * allowed: only the fresh flower and sprouted potatoes are named.
 */
const BANNED: Record<BannedDishKind, RegExp[]> = {
	cold_meat: [/冷荤/, /冷盘/, /卤味拼盘|熟食拼盘|卤拼/, /白切鸡|白斩鸡|口水鸡|夫妻肺片|盐水鸭|手撕鸡/, new RegExp(`(凉拌|冷拌|拌)${MEAT}`), new RegExp(`凉${MEAT}`)],
	raw: [/生鱼片|鱼生|刺身|醉虾|醉蟹|生腌|腌生|生食|生拌/],
	cream_cake: [/裱花蛋糕|裱花|奶油蛋糕|奶油裱|鲜奶蛋糕|奶油小方|生日蛋糕/],
	green_beans: [/四季豆|菜豆|芸豆角|扁豆|刀豆|架豆|梅豆|豆角/],
	fresh_day_lily: [/(鲜|新鲜)(黄花菜|金针菜)/],
	wild_mushroom: [/野生?菌|野生?蘑菇|见手青|鸡枞|牛肝菌|干巴菌|青头菌|鹅蛋菌/],
	sprouted_potato: [/发芽(的)?(土豆|马铃薯|洋芋)|(土豆|马铃薯|洋芋)发芽/]
};

/** Names that contain a banned word but are not the banned dish (豇豆 is a long bean; 干黄花菜 is dried). */
const ALLOWED = [/豇豆/, /干黄花菜/, /干金针/];

/** Rule 32: the banned kind a dish name falls under, if any. */
export function bannedDishKind(name: string): BannedDishKind | null {
	const plain = normaliseName(name);
	if (!plain || ALLOWED.some((pattern) => pattern.test(plain))) return null;
	return BANNED_DISH_KINDS.find((kind) => BANNED[kind].some((pattern) => pattern.test(plain))) ?? null;
}

/** The seven days of the week starting `week_start`. */
export function menuDays(weekStart: LocalDate): LocalDate[] {
	return Array.from({ length: 7 }, (_, i) => addDaysTo(weekStart, i));
}

/** BLOCK: a malformed menu, or (schools and kindergartens) a banned dish on it, named with its kind. */
export function validateMenu({ menu, canteenType }: { menu: MenuInput; canteenType: CanteenType | string }): MenuError[] {
	const errors: MenuError[] = [];
	if (!isLocalDate(menu.week_start) || weekStartOf(menu.week_start) !== menu.week_start) return [{ field: 'week_start', code: 'menu_week_start' }];
	const days = new Set(menuDays(menu.week_start));
	const banned = BANNED_DISHES_APPLY_TO.includes(canteenType as CanteenType);
	for (const [day, meals] of Object.entries(menu.days ?? {})) {
		if (!days.has(day)) {
			errors.push({ field: `days.${day}`, code: 'menu_day_outside_week', params: { day } });
			continue;
		}
		for (const [meal, dishes] of Object.entries(meals ?? {})) {
			if (!MEALS.includes(meal as Meal) || !Array.isArray(dishes)) {
				errors.push({ field: `days.${day}.${meal}`, code: 'required' });
				continue;
			}
			dishes.forEach((dish, index) => {
				const at = `days.${day}.${meal}.${index}`;
				if (!dish?.name?.trim()) errors.push({ field: at, code: 'required' });
				else if (dish.grams !== null && (typeof dish.grams !== 'number' || !(dish.grams > 0) || dish.grams > 2000)) {
					errors.push({ field: at, code: 'menu_grams', params: { name: dish.name } });
				} else if (banned) {
					const kind = bannedDishKind(dish.name);
					if (kind) errors.push({ field: at, code: `menu_banned_${kind}`, params: { name: dish.name.trim() } });
				}
			});
		}
	}
	return errors;
}

/** The dishes of one meal of one day, as the menu has them (the meal closure starts from these). */
export function dishesOf(menu: Pick<MenuInput, 'days'> | undefined, day: LocalDate, meal: Meal): string[] {
	return (menu?.days?.[day]?.[meal] ?? []).map((dish) => dish.name.trim()).filter(Boolean);
}

/** A meal's dishes as a manager types them, one per line: "红烧肉 100g" (the amount per person optional). */
export function parseDishLines(text: string): MenuDish[] {
	return text
		.split(/[\n,，、；;]/)
		.map((line) => line.trim())
		.filter(Boolean)
		.map((line) => {
			const amount = /^(.*?)\s*(\d+(?:\.\d+)?)\s*(g|克)$/i.exec(line.normalize('NFKC'));
			return amount && amount[1]!.trim() ? { name: amount[1]!.trim(), grams: Number(amount[2]) } : { name: line, grams: null };
		});
}

/** The same dishes back as lines, for editing. */
export function dishLines(dishes: MenuDish[] | undefined): string {
	return (dishes ?? []).map((dish) => (dish.grams ? `${dish.name} ${dish.grams}g` : dish.name)).join('\n');
}
