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

/** A row of table cells as OCR places them: each cell's text at its column's left edge. */
const tableRow = (cells: (string | undefined)[], edges: number[]) =>
	cells.flatMap((text, index) => (text ? [{ text, left: edges[index]!, right: edges[index]! + Math.min(edges[index + 1]! - edges[index]! - 20, [...text].length * 14) }] : []));

describe('reading a delivery note by its table header', () => {
	// 序号 品名 规格 单位 数量 单价 金额 生产日期/批号, as a supplier's invoicing software prints it.
	const edges = [40, 100, 260, 400, 470, 560, 660, 780, 980];
	const note = [
		[{ text: '示范县鲜肉配送有限公司送货单', left: 300, right: 700 }],
		[
			{ text: '收货单位：示范县第一中学食堂', left: 40, right: 420 },
			{ text: '日期：2026-11-20', left: 600, right: 800 }
		],
		[{ text: '单号：PS202611200031', left: 40, right: 360 }],
		tableRow(['序号', '品名', '规格', '单位', '数量', '单价(元)', '金额(元)', '生产日期/批号'], edges),
		tableRow(['1', '鸡胸肉', '2kg/袋', '袋', '10', '28.00', '280.00', '2026-11-18'], edges),
		tableRow(['2', '大自菜', '散装', '斤', '90.0', '5.60', '504.00', 'DY261012A'], edges),
		tableRow(['3', '大豆油', '5L/桶', '桶', '2', '79.00', '158.00', '20260912'], edges),
		tableRow(['', '合计', '', '', '', '', '942.00', ''], edges),
		[{ text: '送货人：李师傅', left: 40, right: 240 }]
	];

	it('puts each cell under its heading: the amount is never the quantity, the row number never the name', () => {
		const ticket = parseTicket(note);
		expect(ticket.lines.map((l) => [l.name, l.spec, l.quantity, l.unit, l.production_date, l.batch])).toEqual([
			['鸡胸肉', '2kg/袋', 10, '袋', '2026-11-18', ''],
			// "大自菜" is a misreading of a common goods name: proposed corrected, the reading kept.
			['大白菜', '散装', 90, '斤', '', 'DY261012A'],
			// A compact date under 生产日期/批号 is a date.
			['大豆油', '5L/桶', 2, '桶', '2026-09-12', '']
		]);
		expect(ticket.corrected).toEqual([{ name: '大白菜', read: '大自菜' }]);
	});

	it('reads the header fields wherever they sit and never proposes them as goods', () => {
		const ticket = parseTicket(note);
		expect(ticket.delivered_on).toBe('2026-11-20');
		expect(ticket.receiver).toBe('示范县第一中学食堂');
		expect(ticket.number).toBe('PS202611200031');
		expect(ticket.supplier.name).toBe('示范县鲜肉配送有限公司');
		expect(ticket.lines.map((l) => l.name)).not.toContain('合计');
	});

	it('reads a receipt whose rows OCR returned as one line each, by the order of the headings', () => {
		const text = ['绿源粮油贸易有限公司', '开票日期:2026/11/21', '品名 规格 数量 单位 单价 金额 批号', '大米 25kg/袋 4 袋 120.00 480.00 XG2610A', '生抽酱油 500ml/瓶 12 瓶 6.50 78.00 B20260801'].join('\n');
		const ticket = parseTicket(text);
		expect(ticket.delivered_on).toBe('2026-11-21');
		expect(ticket.supplier.name).toBe('绿源粮油贸易有限公司');
		expect(ticket.lines.map((l) => [l.name, l.spec, l.quantity, l.unit, l.batch])).toEqual([
			['大米', '25kg/袋', 4, '袋', 'XG2610A'],
			['生抽酱油', '500ml/瓶', 12, '瓶', 'B20260801']
		]);
	});

	it('keeps a row that starts with its number when there is no header, and a batch on a row of its own', () => {
		const ticket = parseTicket(['1 鸡胸肉 2kg/袋 5袋 2026-11-21 5天', '品名：西红柿', '数量：30斤', '批号：XG2610A'].join('\n'));
		expect(ticket.lines.map((l) => [l.name, l.quantity, l.unit, l.production_date, l.batch])).toEqual([
			['鸡胸肉', 5, '袋', '2026-11-21', ''],
			['西红柿', 30, '斤', '', 'XG2610A']
		]);
	});

	it("cuts the seal's ring text from the supplier's name and prefers the canteen's own goods names", () => {
		expect(parseTicket('供货单位：示范县鲜肉配送有限公司发货专用章示范').supplier.name).toBe('示范县鲜肉配送有限公司');
		// The canteen buys 鸡腿肉; a reading one character off is proposed as that, not as the list's 鸡胸肉.
		const ticket = parseTicket('鸡腱肉\t2kg/袋\t5袋\t2026-11-21', ['鸡腿肉']);
		expect(ticket.lines[0]!.name).toBe('鸡腿肉');
		// A name the list knows is never changed; one equally near two known names is left as read.
		expect(parseTicket('鸡胸肉\t2kg/袋\t5袋\t2026-11-21', ['鸡腿肉']).lines[0]!.name).toBe('鸡胸肉');
		expect(parseTicket('猪内\t散装\t5kg\t2026-11-21').lines[0]!.name).toBe('猪内');
	});
});

describe('reading e-ticket payloads as suppliers write them', () => {
	it('finds the credit code at any level, abbreviated keys, and shows the keys it does not know', () => {
		const ticket = parseTicket(
			JSON.stringify({
				uscc: '91360102MA38LQ4T7B',
				seller: { name: '绿源粮油贸易有限公司' },
				rq: '20261121',
				dh: 'LY-0099',
				goods: [{ spmc: '大米', gg: '25kg/袋', qty: '4', uom: '袋', prod: '2026-10-15', lot: 'XG2610A', exp: '2027-10-10', origin: '黑龙江', price: 120 }]
			})
		);
		expect(ticket.supplier).toEqual({ name: '绿源粮油贸易有限公司', credit_code: '91360102MA38LQ4T7B' });
		expect(ticket.delivered_on).toBe('2026-11-21');
		expect(ticket.number).toBe('LY-0099');
		expect(ticket.lines[0]).toMatchObject({ name: '大米', spec: '25kg/袋', quantity: 4, unit: '袋', production_date: '2026-10-15', batch: 'XG2610A', expiry_date: '2027-10-10' });
		expect(ticket.unknown).toEqual(['大米 origin: 黑龙江']);
	});
});

describe('a thermal receipt that prints the production date or batch under each goods row', () => {
	it('gives the row below to the goods above', () => {
		const text = ['品名 规格 数量 单价 金额', '西红柿 散装 39.6斤 4.25 168.30', '生产日期:2026-11-29', '豆腐 500g/盒 21盒 2.18 45.78', '批号:XG2611A', '合计:214.08'].join('\n');
		expect(parseTicket(text).lines.map((l) => [l.name, l.spec, l.quantity, l.unit, l.production_date, l.batch])).toEqual([
			['西红柿', '散装', 39.6, '斤', '2026-11-29', ''],
			['豆腐', '500g/盒', 21, '盒', '', 'XG2611A']
		]);
	});
});

describe('rows whose spaces OCR dropped', () => {
	it('tells the cells of a receipt line apart by what they look like', () => {
		const text = ['品名规格数量单价金额', '西红柿散装39.6斤4.25168.30', '生产日期：2026-11-30', '鸡胸肉2kg/袋11袋28.61314.71', '批号：DY2611F'].join('\n');
		expect(parseTicket(text).lines.map((l) => [l.name, l.spec, l.quantity, l.unit, l.production_date, l.batch])).toEqual([
			['西红柿', '散装', 39.6, '斤', '2026-11-30', ''],
			['鸡胸肉', '2kg/袋', 11, '袋', '', 'DY2611F']
		]);
	});

	it('reads a compact production date that runs into the shelf life', () => {
		expect(parseTicket('2鸡蛋30枚/盒6盒2026112930天').lines.map((l) => [l.name, l.spec, l.quantity, l.unit, l.production_date, l.shelf_life_days])).toEqual([['鸡蛋', '30枚/盒', 6, '盒', '2026-11-29', 30]]);
	});
});

describe('a unit OCR could not read', () => {
	it('is the package the specification names, when it names one', () => {
		const text = ['品名\t规格\t数量\t单位\t生产日期', '大豆油\t5L/桶\t4\t榜\t2026-11-05', '大白菜\t散装\t77\tF\t2026-11-29'].join('\n');
		expect(parseTicket(text).lines.map((l) => [l.name, l.unit])).toEqual([
			['大豆油', '桶'],
			// Nothing to go by: left as read for the cook.
			['大白菜', 'F']
		]);
	});
});

describe('table rulings read as strokes', () => {
	it('come off the ends of a name', () => {
		const text = ['品名\t规格\t数量\t单位\t生产日期', '工一大豆油\t5L/桶\t4\t桶\t2026-11-05', '一-西红柿-\t散装\t20\t斤\t2026-11-29'].join('\n');
		expect(parseTicket(text).lines.map((l) => l.name)).toEqual(['大豆油', '西红柿']);
		// A ruling read on a line of its own is not goods.
		expect(parseTicket(`${text}\n一一\t一\t3\t一\t2026-11-29`).lines.map((l) => l.name)).toEqual(['大豆油', '西红柿']);
	});
});
