import { describe, expect, it } from 'vitest';
import { addMonthsTo } from './dates';
import { assessPurchase, expiryOf, lineForBarcode, requiredDocuments, retentionUntil, validatePurchase, type PurchaseDocument, type PurchaseLine, type Supplier } from './purchase';

const receivedOn = '2026-11-22';
const supplier: Supplier = {
	name: '示范县鲜肉配送有限公司',
	credit_code: '91360000MA00000000',
	licence_number: 'JY13601000000001',
	licence_expires: '2027-06-30',
	contact: '孙经理',
	phone: '13800000001',
	address: '示范县屠宰场路 1 号',
	categories: ['pork'],
	active: true
};
const line = (overrides: Partial<PurchaseLine> = {}): PurchaseLine => ({
	name: '大米',
	spec: '25kg/袋',
	quantity: 4,
	unit: '袋',
	category: 'grain_oil',
	imported: false,
	production_date: '2026-10-01',
	batch: '',
	shelf_life_days: 365,
	expiry_date: '',
	...overrides
});
const docs = (...kinds: PurchaseDocument['kind'][]): PurchaseDocument[] => kinds.map((kind) => ({ kind, number: `${kind}-1`, photographed: false }));
const check = (lines: PurchaseLine[], documents = docs('supplier_licence', 'inspection_proof'), s: Supplier | undefined = supplier) =>
	validatePurchase({ supplier: s, lines, documents, receivedOn, warnDays: 30 });

describe('purchase inspection (rules 19–22, 24)', () => {
	it('accepts a complete delivery of rice with the general documents', () => {
		expect(check([line()])).toEqual([]);
	});

	it('asks for every field of the record (rule 19): production date or batch, and a shelf life', () => {
		const codes = check([line({ spec: '', production_date: '', batch: '', shelf_life_days: null })]).map((e) => [e.field, e.code]);
		expect(codes).toEqual([
			['lines.0.spec', 'required'],
			['lines.0.production_date', 'purchase_date_or_batch'],
			['lines.0.shelf_life_days', 'purchase_shelf_life_required']
		]);
		expect(check([line({ production_date: '', batch: 'B2026-11', expiry_date: '2027-05-01' })])).toEqual([]);
	});

	it('takes goods on their last day and refuses them the day after (rule 21)', () => {
		expect(check([line({ production_date: '', batch: 'B1', expiry_date: receivedOn })])).toEqual([]);
		expect(check([line({ production_date: '', batch: 'B1', expiry_date: '2026-11-21' })])).toEqual([
			{ field: 'lines.0.expiry_date', code: 'purchase_expired', params: { name: '大米', date: '2026-11-21' } }
		]);
	});

	it('refuses nitrite (rule 24)', () => {
		expect(check([line({ name: '亚硝酸钠', category: 'additive' })]).map((e) => e.code)).toEqual(['additive_nitrite_banned']);
	});

	it('asks pork for the quarantine, quality and ASF documents, imported food for its entry certificate (rule 20)', () => {
		expect(requiredDocuments({ category: 'pork', imported: false })).toEqual(['supplier_licence', 'inspection_proof', 'animal_quarantine', 'meat_quality', 'asf_report']);
		expect(requiredDocuments({ category: 'dairy', imported: true })).toEqual(['supplier_licence', 'inspection_proof', 'entry_inspection']);
		const pork = line({ name: '猪后腿肉', category: 'pork', shelf_life_days: 3, production_date: receivedOn });
		expect(check([pork], docs('supplier_licence', 'inspection_proof', 'animal_quarantine')).map((e) => e.field)).toEqual([
			'documents.meat_quality',
			'documents.asf_report'
		]);
		const photographed: PurchaseDocument[] = [...docs('supplier_licence', 'inspection_proof', 'animal_quarantine', 'meat_quality'), { kind: 'asf_report', number: '', photographed: true }];
		expect(check([pork], photographed)).toEqual([]);
	});

	it('refuses a supplier whose licence has expired, warns 30 days before', () => {
		expect(check([line()], undefined, { ...supplier, licence_expires: '2026-11-21' }).map((e) => e.code)).toEqual(['purchase_supplier_licence_expired']);
		expect(assessPurchase({ supplier: { ...supplier, licence_expires: '2026-12-22' }, lines: [line()], receivedOn, expiryWarnDays: 3, warnDays: 30 })).toEqual([
			{ code: 'purchase.supplier_licence_expiring', params: { name: supplier.name, date: '2026-12-22', days: 30 } }
		]);
	});

	it('warns about goods that expire within the configured days', () => {
		const milk = line({ name: '鲜牛奶', category: 'dairy', production_date: '2026-11-20', shelf_life_days: 5 });
		expect(expiryOf(milk)).toBe('2026-11-25');
		expect(assessPurchase({ supplier, lines: [milk], receivedOn, expiryWarnDays: 3, warnDays: 30 })).toEqual([
			{ code: 'purchase.expiring', params: { name: '鲜牛奶', date: '2026-11-25', days: 3 } }
		]);
		expect(assessPurchase({ supplier, lines: [milk], receivedOn, expiryWarnDays: 2, warnDays: 30 })).toEqual([]);
	});

	it('keeps the record until six months after the last expiry, or two years without a shelf life (rule 22)', () => {
		expect(retentionUntil({ lines: [line(), line({ production_date: '2026-11-01', shelf_life_days: 30 })], receivedOn })).toBe(addMonthsTo('2027-10-01', 6));
		expect(retentionUntil({ lines: [line({ production_date: '', shelf_life_days: null, expiry_date: '' })], receivedOn })).toBe('2028-11-22');
		// A line without a shelf life keeps the whole record two years.
		expect(retentionUntil({ lines: [line({ production_date: '2026-11-01', shelf_life_days: 30 }), line({ production_date: '', shelf_life_days: null })], receivedOn })).toBe('2028-11-22');
		expect(addMonthsTo('2026-08-31', 6)).toBe('2027-02-28');
	});

	it('proposes a scanned product as it came last time, without the quantity, dates or batch of this delivery', () => {
		const last = line({ name: '纯牛奶', spec: '250ml×24盒/箱', unit: '箱', category: 'dairy', quantity: 10, batch: 'M0918', production_date: '2026-11-01', shelf_life_days: 180, barcode: '6901234567892' });
		expect(lineForBarcode('6901234567892', last)).toEqual({
			...line({ name: '纯牛奶', spec: '250ml×24盒/箱', unit: '箱', category: 'dairy', quantity: null, batch: '', production_date: '', shelf_life_days: 180 }),
			barcode: '6901234567892'
		});
		// A product never received before: only its barcode is known, and the line is refused until filled in.
		const first = lineForBarcode('6901234567892', undefined);
		expect(first).toMatchObject({ barcode: '6901234567892', name: '', quantity: null, category: 'other' });
		expect(validatePurchase({ supplier, lines: [first], documents: docs('supplier_licence', 'inspection_proof'), receivedOn, warnDays: 30 }).map((e) => e.field)).toEqual(
			expect.arrayContaining(['lines.0.name', 'lines.0.quantity'])
		);
	});
});
