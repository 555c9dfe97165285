import { describe, expect, it } from 'vitest';
import { matchSupplier, normaliseDate, parseTicket } from './ticket';

describe('reading a supplier ticket', () => {
	it('reads a JSON e-ticket with English or Chinese keys', () => {
		const english = parseTicket(
			JSON.stringify({
				supplier: { name: '示范县鲜肉配送有限公司', credit_code: '91360000MA00000000' },
				date: '2026-11-22',
				items: [{ name: '猪后腿肉', spec: '散装', quantity: 20, unit: 'kg', category: 'pork', production_date: '2026/11/22', shelf_life_days: '3天' }]
			})
		);
		expect(english.supplier).toEqual({ name: '示范县鲜肉配送有限公司', credit_code: '91360000MA00000000' });
		expect(english.delivered_on).toBe('2026-11-22');
		expect(english.lines).toEqual([
			{ name: '猪后腿肉', spec: '散装', quantity: 20, unit: 'kg', category: 'pork', imported: false, production_date: '2026-11-22', batch: '', shelf_life_days: 3, expiry_date: '' }
		]);
		const chinese = parseTicket(JSON.stringify({ 供货单位: '绿源粮油', 日期: '2026年11月22日', 明细: [{ 品名: '大米', 规格: '25kg/袋', 数量: '4袋', 单位: '袋', 批号: 'B1101', 保质期: '12个月', 条码: '6901234567892' }] }));
		expect(chinese.supplier.name).toBe('绿源粮油');
		expect(chinese.lines[0]).toMatchObject({ name: '大米', quantity: 4, batch: 'B1101', shelf_life_days: 360, category: 'other', barcode: '6901234567892' });
	});

	it('reads labelled text and item rows, as printed or recognised by OCR', () => {
		const text = ['送货单', '供货单位：示范县鲜肉配送有限公司', '统一社会信用代码：9136 0000 MA00 0000 00', '日期：2026.11.22', '猪后腿肉 散装 20kg 2026-11-22 3天', '鸡胸肉\t2kg/袋\t5袋\t2026/11/21\t5'].join('\n');
		const ticket = parseTicket(text);
		expect(ticket.supplier).toEqual({ name: '示范县鲜肉配送有限公司', credit_code: '91360000MA00000000' });
		expect(ticket.delivered_on).toBe('2026-11-22');
		expect(ticket.lines.map((l) => [l.name, l.spec, l.quantity, l.unit, l.production_date, l.shelf_life_days])).toEqual([
			['猪后腿肉', '散装', 20, 'kg', '2026-11-22', 3],
			['鸡胸肉', '2kg/袋', 5, '袋', '2026-11-21', 5]
		]);
	});

	it('normalises dates and refuses impossible ones', () => {
		expect(normaliseDate('2026年1月5日')).toBe('2026-01-05');
		expect(normaliseDate('2026-13-01')).toBe('');
		expect(normaliseDate('')).toBe('');
	});

	it('finds the supplier by credit code first, then by name', () => {
		const suppliers = [
			{ id: 'a', name: '示范县鲜肉配送有限公司', credit_code: '91360000MA00000000' },
			{ id: 'b', name: '绿源粮油', credit_code: '' }
		];
		expect(matchSupplier(parseTicket('统一社会信用代码：91360000ma00000000'), suppliers)?.id).toBe('a');
		expect(matchSupplier(parseTicket('供货单位：绿源 粮油'), suppliers)?.id).toBe('b');
		expect(matchSupplier(parseTicket('供货单位：别家'), suppliers)).toBeUndefined();
	});
});

describe('reading OCR text of a printed ticket', () => {
	it('reads rows whose cells the OCR ran together or lost, and a supplier printed as a heading', () => {
		const text = [
			'示范县鲜肉配送有限公司',
			'电子随货单',
			'送货日期：2026-11-23',
			'品名规格数量生产日期保质期',
			'猪后腿肉散装20kg2026-11-233天',
			'鸡蛋30枚/盒6盒2026-11-2330天',
			'大豆油\t5L/桶\t2026年9月1日\t18个月'
		].join('\n');
		const ticket = parseTicket(text);
		expect(ticket.supplier.name).toBe('示范县鲜肉配送有限公司');
		expect(ticket.delivered_on).toBe('2026-11-23');
		expect(ticket.lines.map((l) => [l.name, l.spec, l.quantity, l.unit, l.production_date, l.shelf_life_days])).toEqual([
			['猪后腿肉', '散装', 20, 'kg', '2026-11-23', 3],
			['鸡蛋', '30枚/盒', 6, '盒', '2026-11-23', 30],
			// The quantity was lost: left empty for the cook, not guessed.
			['大豆油', '5L/桶', null, '', '2026-09-01', 540]
		]);
	});

	it('keeps a unit whose quantity the OCR lost, a credit code whose label it misread, full-width digits and dates with a comma', () => {
		const text = ['统社会信用代码：9136 0000 MA00 0000 00', '鸡蛋\t30枚/盒\t盒\t2026.11.23\t30天', '猪后腿肉\t散装\t2026.11.23\t3天'].join('\n');
		const ticket = parseTicket(text);
		expect(ticket.supplier.credit_code).toBe('91360000MA00000000');
		expect(ticket.lines.map((l) => [l.name, l.spec, l.quantity, l.unit])).toEqual([
			['鸡蛋', '30枚/盒', null, '盒'],
			// One cell after the name is the specification, not a unit.
			['猪后腿肉', '散装', null, '']
		]);
		// A full-width digit, and a dot read as a comma.
		expect(parseTicket('白砂糖\t1kg/包\t５\t包\t2026.09,12\t24个月').lines.map((l) => [l.name, l.quantity, l.unit, l.production_date, l.shelf_life_days])).toEqual([
			['白砂糖', 5, '包', '2026-09-12', 720]
		]);
	});

	it('matches a supplier whose name OCR misread by a character or ran into the next word, but not a different one', () => {
		const suppliers = [
			{ id: 'a', name: '示范县鲜肉配送有限公司', credit_code: '91360000MA00000000' },
			{ id: 'b', name: '绿源粮油', credit_code: '91360000MA00000001' }
		];
		expect(matchSupplier({ supplier: { name: '永范县鲜肉配送配送有限公司送货单' }, lines: [] }, suppliers)?.id).toBe('a');
		expect(matchSupplier({ supplier: { name: '绿源粮油店' }, lines: [] }, suppliers)?.id).toBe('b');
		expect(matchSupplier({ supplier: { name: '示范县蔬菜配送中心' }, lines: [] }, suppliers)).toBeUndefined();
	});
});
