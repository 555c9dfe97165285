import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, DEFAULT_SETTINGS as settings, assessAdditiveUse, isNitrite, validateAdditiveUse, validateRegisteredAdditive, type AdditiveUseInput } from '.';

const use = (overrides: Partial<AdditiveUseInput> = {}): AdditiveUseInput => ({
	additive: '食用碱（碳酸钠）',
	batch: '20261101',
	food: '碱水面',
	amount: 12,
	unit: 'g',
	used_at: '2026-11-22T02:00:00.000Z',
	used_by: '刘芳',
	...overrides
});

describe('additive use (rules 23–25)', () => {
	it('accepts a complete record', () => {
		expect(validateAdditiveUse({ input: use(), settings })).toEqual([]);
	});

	it('blocks a record without batch, food, amount or person', () => {
		expect(validateAdditiveUse({ input: use({ batch: '', food: ' ', amount: null, used_by: '' }), settings }).map((e) => e.field)).toEqual([
			'batch',
			'food',
			'used_by',
			'amount'
		]);
		expect(validateAdditiveUse({ input: use({ amount: 0 }), settings }).map((e) => e.field)).toEqual(['amount']);
	});

	it('blocks nitrite under any of its names', () => {
		for (const name of ['亚硝酸钠', '亚硝酸 盐', 'Sodium Nitrite', 'NITRITE', '亞硝酸鈉', 'ＮａＮＯ２', 'KNO₂', 'E250', 'e-249', 'INS 250', '工业盐', '工業用鹽', '亚 硝 酸 钾']) {
			expect(isNitrite(name)).toBe(true);
			expect(validateAdditiveUse({ input: use({ additive: name }), settings })).toEqual([{ field: 'additive', code: 'additive_nitrite_banned' }]);
		}
		// Nitrate is not nitrite, and neither is salt.
		expect(isNitrite('硝酸钠')).toBe(false);
		expect(isNitrite('食盐')).toBe(false);
		// Numbers that are not E-numbers: a weight, a batch.
		expect(isNitrite('食用碱 250克')).toBe(false);
		expect(isNitrite('批号 2502490')).toBe(false);
		expect(isNitrite('Lite250 甜味剂')).toBe(false);
	});

	it('warns while the canteen names no one responsible for additives', () => {
		expect(assessAdditiveUse({ settings })).toEqual([{ code: 'additive.no_keeper', params: {} }]);
		expect(assessAdditiveUse({ settings: { ...settings, additives: { keeper: '王建国' } } })).toEqual([]);
	});
});

describe('添加剂备案: the additive register', () => {
	const entry = { name: '食用碱', supplier: '城东调味品批发部', purpose: '面食', storage_place: '添加剂专柜', keeper: '王建国', active: true };
	const use = { additive: '食用碱', batch: '20261101', food: '碱水面', amount: 12, unit: 'g' as const, used_at: '2026-11-30T02:00:00.000Z', used_by: '刘芳' };

	it('accepts a use of a registered additive however typed, refuses one not registered or no longer in use', () => {
		expect(validateAdditiveUse({ input: { ...use, additive: ' 食用 碱 ' }, settings: DEFAULT_SETTINGS, register: [entry] })).toEqual([]);
		expect(validateAdditiveUse({ input: { ...use, additive: '小苏打' }, settings: DEFAULT_SETTINGS, register: [entry] })).toEqual([{ field: 'additive', code: 'additive_not_registered', params: { name: '小苏打' } }]);
		expect(validateAdditiveUse({ input: use, settings: DEFAULT_SETTINGS, register: [{ ...entry, active: false }] })[0]?.code).toBe('additive_not_registered');
	});

	it('needs every field of an entry, and never registers nitrite', () => {
		expect(validateRegisteredAdditive({ ...entry, keeper: ' ' })).toEqual([{ field: 'keeper', code: 'required' }]);
		expect(validateRegisteredAdditive({ ...entry, name: 'E250' })).toEqual([{ field: 'name', code: 'additive_nitrite_banned' }]);
	});
});
