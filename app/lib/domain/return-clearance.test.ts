import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, DISEASES, assessMorningCheck, judgeRecord, outSince, validateMorningCheck, type MorningCheckInput, type StaffForCheck } from './index';
import { cookForCheck, healthyCheck } from '../../../tests/fixtures/morning-checks';

// 08:00 in China on 2026-11-22.
const CHECKED_AT = '2026-11-22T00:00:00.000Z';
const input = (overrides: Partial<MorningCheckInput> = {}) => healthyCheck({ staff: 'staff0000000001', checked_at: CHECKED_AT, ...overrides });
const cook = (overrides: Partial<StaffForCheck> = {}) => cookForCheck({ id: 'staff0000000001', ...overrides });
const assess = (check: MorningCheckInput, staff: StaffForCheck) => assessMorningCheck({ input: check, staff, settings: DEFAULT_SETTINGS });

describe('out until cleared to return (rules 7–8)', () => {
	it('keeps out a cook excluded before this check, from the first millisecond after, not the exclusion itself', () => {
		const before = assess(input(), cook({ excluded_since: '2026-11-21T23:59:59.999Z' }));
		expect(before.outcome).toBe('excluded');
		expect(before.findings).toEqual([{ code: 'return.not_cleared', severity: 'exclude', params: { date: '2026-11-22' } }]);
		expect(assess(input(), cook({ excluded_since: CHECKED_AT })).outcome).toBe('fit');
		expect(assess(input(), cook({ excluded_since: '' })).outcome).toBe('fit');
	});

	it('only warns a worker who never handles food (rule 8 bars food-contact posts)', () => {
		const storekeeper = assess(input({ symptoms: ['cholera'] }), cook({ food_contact: false }));
		expect(storekeeper.outcome).toBe('fit_with_warnings');
		expect(storekeeper.findings.map((f) => [f.code, f.severity])).toEqual([
			['disease.cholera', 'warn'],
			['post.not_food_contact', 'warn']
		]);
	});

	it('follows the tablet’s own records after the server’s word: an illness puts out, a clearance brings back', () => {
		const ill = { kind: 'check' as const, at: '2026-11-22T00:00:00.000Z', findings: [{ code: 'symptom.diarrhoea' as const, severity: 'exclude' as const }] };
		const cleared = { kind: 'clearance' as const, at: '2026-11-23T01:00:00.000Z' };
		expect(outSince({ since: '', events: [ill] })).toBe(ill.at);
		expect(outSince({ since: '', events: [cleared, ill] })).toBe('');
		// A clearance older than the server's exclusion does not undo it.
		expect(outSince({ since: '2026-11-24T00:00:00.000Z', events: [cleared] })).toBe('2026-11-24T00:00:00.000Z');
		// An expired certificate is mended by renewing it, not by a clearance.
		const expired = { kind: 'check' as const, at: ill.at, findings: [{ code: 'certificate.expired' as const, severity: 'exclude' as const }] };
		expect(outSince({ since: '', events: [expired] })).toBe('');
	});
});

describe('the diseases of the 2016 list (rule 13)', () => {
	it('bars a food handler for each of the six, asked at the check or on the health record, and refuses others', () => {
		expect(DISEASES).toHaveLength(6);
		for (const disease of DISEASES) {
			expect(assess(input({ symptoms: [disease] }), cook()).findings).toEqual([{ code: `disease.${disease}`, severity: 'exclude' }]);
			expect(assess(input(), cook({ health_conditions: [disease] })).outcome).toBe('excluded');
		}
		expect(validateMorningCheck({ input: input({ symptoms: ['hepatitis_b' as never] }), settings: DEFAULT_SETTINGS })).toEqual([{ field: 'symptoms', code: 'unknown_symptom' }]);
	});

	it('refuses a clearance for a person who is not out, or without its basis', () => {
		const clearance = { staff: 'staff0000000001', cleared_at: CHECKED_AT, cleared_by: '王建国', basis: '医院证明' };
		const judge = (staff: StaffForCheck, basis = clearance.basis) => judgeRecord('return_clearances', { ...clearance, basis }, { settings: DEFAULT_SETTINGS, refs: { staff }, photo: false });
		expect(judge(cook()).errors).toEqual([{ field: 'staff', code: 'return_not_out' }]);
		expect(judge(cook({ excluded_since: CHECKED_AT }), ' ').errors).toEqual([{ field: 'basis', code: 'return_basis_required' }]);
		expect(judge(cook({ health_conditions: ['typhoid'] })).derived).toEqual({ staff_name: '李秀英', date: '2026-11-22' });
	});
});
