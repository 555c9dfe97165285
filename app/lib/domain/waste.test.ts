import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS as settings, assessWasteHandover, validateWasteCollector, validateWasteHandover, type WasteCollector, type WasteHandoverInput } from '.';

const today = '2026-11-22';
const collector = (overrides: Partial<WasteCollector> = {}): WasteCollector => ({
	name: '绿源再生资源公司',
	licence_number: '餐废收运 2026-017',
	licence_expires: '2027-06-30',
	contract_expires: '2027-03-31',
	contact: '赵师傅',
	phone: '13800000000',
	address: '城东工业园 8 号',
	active: true,
	...overrides
});
const handover = (overrides: Partial<WasteHandoverInput> = {}): WasteHandoverInput => ({
	waste_type: 'food_waste',
	weight_kg: 35,
	collector: 'c1',
	destination: '无害化处理',
	handed_at: '2026-11-22T12:30:00.000Z',
	handed_by: '李秀英',
	receiver: '赵师傅',
	...overrides
});
const check = (c: WasteCollector, signed = true, input = handover()) => validateWasteHandover({ input, collector: c, signed, today, settings });

describe('waste hand-over (rules 26–27)', () => {
	it('accepts a complete, signed hand-over to a collector in date', () => {
		expect(check(collector())).toEqual([]);
		expect(assessWasteHandover({ collector: collector(), today, settings })).toEqual([]);
	});

	it('blocks a hand-over without the receiver’s signature, quantity or receiver', () => {
		expect(check(collector(), false).map((e) => e.code)).toEqual(['waste_signature_required']);
		expect(check(collector(), true, handover({ weight_kg: null, receiver: ' ' })).map((e) => e.field)).toEqual(['weight_kg', 'receiver']);
		expect(validateWasteHandover({ input: handover(), collector: undefined, signed: true, today, settings })).toEqual([{ field: 'collector', code: 'required' }]);
	});

	it('accepts a contract on its last day, blocks it the day after', () => {
		expect(check(collector({ contract_expires: today }))).toEqual([]);
		expect(check(collector({ contract_expires: '2026-11-21' }))).toEqual([
			{ field: 'collector', code: 'waste_contract_expired', params: { name: '绿源再生资源公司', date: '2026-11-21' } }
		]);
	});

	it('blocks a collector without a licence on file, or with one expired', () => {
		expect(check(collector({ licence_number: '' })).map((e) => e.code)).toEqual(['waste_licence_missing']);
		expect(check(collector({ licence_expires: '2026-11-01' })).map((e) => e.code)).toEqual(['waste_licence_expired']);
	});

	it('warns 30 days before the licence or the contract ends, not 31', () => {
		expect(assessWasteHandover({ collector: collector({ contract_expires: '2026-12-22' }), today, settings })).toEqual([
			{ code: 'waste.contract_expiring', params: { date: '2026-12-22', days: 30 } }
		]);
		expect(assessWasteHandover({ collector: collector({ licence_expires: '2026-12-23' }), today, settings })).toEqual([]);
	});

	it('asks an administrator for the collector’s licence, contract dates and contact', () => {
		expect(validateWasteCollector(collector())).toEqual([]);
		expect(validateWasteCollector(collector({ phone: '', contract_expires: '' })).map((e) => e.field)).toEqual(['phone', 'contract_expires']);
	});
});
