import { describe, expect, it } from 'vitest';
import { isPin, pinText, validateStaff, type StaffInput } from './staff';

const cook = (overrides: Partial<StaffInput> = {}): StaffInput => ({
	name: '周师傅',
	role: '厨师',
	food_contact: true,
	active: true,
	certificate_number: '健2026-0009',
	certificate_issued: '2026-03-01',
	certificate_expires: '',
	...overrides
});
const errorsOf = (input: StaffInput) => validateStaff(input).map((e) => [e.field, e.code]);

describe('staff records', () => {
	it('accepts a cook with a certificate, and a new hire whose certificate has not come yet', () => {
		expect(errorsOf(cook())).toEqual([]);
		expect(errorsOf(cook({ certificate_number: '', certificate_issued: '' }))).toEqual([]);
	});

	it('needs a name', () => {
		expect(errorsOf(cook({ name: '  ' }))).toEqual([['name', 'required']]);
	});

	it('refuses a certificate issued after today when typed; one issued today is fine (issue 15)', () => {
		const person = { name: '孙丽', role: '厨师', food_contact: true, active: true, certificate_number: '健2026-0311', certificate_expires: '' as const, pin_hash: '' };
		expect(validateStaff({ ...person, certificate_issued: '2026-11-23' }, '2026-11-22')).toEqual([{ field: 'certificate_issued', code: 'issued_in_future' }]);
		expect(validateStaff({ ...person, certificate_issued: '2026-11-22' }, '2026-11-22')).toEqual([]);
	});

	it('refuses impossible or contradictory certificate dates', () => {
		expect(errorsOf(cook({ certificate_issued: '2026-02-30' }))).toEqual([['certificate_issued', 'invalid_date']]);
		expect(errorsOf(cook({ certificate_expires: '2026-02-28' }))).toEqual([['certificate_expires', 'expires_before_issue']]);
		expect(errorsOf(cook({ certificate_issued: '' }))).toEqual([['certificate_issued', 'certificate_dates_required']]);
	});
});

describe('kiosk PINs', () => {
	it('are four digits', () => {
		expect(isPin('2580')).toBe(true);
		expect(isPin('258')).toBe(false);
		expect(isPin('25a0')).toBe(false);
	});

	it('are tied to the person: the same PIN hashes differently for two people', () => {
		expect(pinText('a', '2580')).not.toBe(pinText('b', '2580'));
	});

	it('refuses a stored PIN hash that is not one', () => {
		const person = { name: '王建国', role: '', food_contact: true, active: true, certificate_number: '', certificate_issued: '' as const, certificate_expires: '' as const };
		expect(validateStaff({ ...person, pin_hash: '2580' })).toEqual([{ field: 'pin', code: 'pin_format' }]);
		expect(validateStaff({ ...person, pin_hash: 'a'.repeat(64) })).toEqual([]);
	});
});
