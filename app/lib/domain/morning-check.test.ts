import { describe, expect, it } from 'vitest';
import {
	DEFAULT_SETTINGS,
	SYMPTOMS,
	assessMorningCheck,
	checkDate,
	resolveSettings,
	validateMorningCheck,
	type MorningCheckInput,
	type StaffForCheck
} from './index';
import { cookForCheck, healthyCheck } from '../../../tests/fixtures/morning-checks';

// 08:00 in China on 2026-11-22.
const CHECKED_AT = '2026-11-22T00:00:00.000Z';

const healthyInput = (overrides: Partial<MorningCheckInput> = {}) =>
	healthyCheck({ staff: 'staff0000000001', checked_at: CHECKED_AT, ...overrides });
const cook = (overrides: Partial<StaffForCheck> = {}) => cookForCheck({ id: 'staff0000000001', ...overrides });

const settings = DEFAULT_SETTINGS;
const assess = (input: MorningCheckInput, staff = cook(), s = settings) => assessMorningCheck({ input, staff, settings: s });

describe('morning check outcome (rules 8–13)', () => {
	it('lets a healthy cook with a valid certificate work, with nothing to report', () => {
		expect(assess(healthyInput())).toEqual({ outcome: 'fit', findings: [], symptoms: [] });
	});

	it('treats 37.3 °C as fever and 37.2 °C as normal (rule 9)', () => {
		const at372 = assess(healthyInput({ temperature: 37.2 }));
		expect(at372.outcome).toBe('fit');

		const at373 = assess(healthyInput({ temperature: 37.3 }));
		expect(at373.outcome).toBe('excluded');
		expect(at373.symptoms).toEqual(['fever']);
		expect(at373.findings).toEqual([{ code: 'symptom.fever', severity: 'exclude', params: { temperature: 37.3 } }]);
	});

	it('follows a canteen that sets its own fever threshold', () => {
		const strict = resolveSettings({ type: 'school', overrides: { morningCheck: { feverThresholdC: 37.0 } } });
		expect(assess(healthyInput({ temperature: 37.1 }), cook(), strict).outcome).toBe('excluded');
	});

	it('ignores a ticked "fever" that the thermometer does not confirm', () => {
		const result = assess(healthyInput({ temperature: 36.6, symptoms: ['fever'] }));
		expect(result.outcome).toBe('fit');
		expect(result.symptoms).toEqual([]);
	});

	it.each(['diarrhoea', 'throat_inflammation', 'skin_wound'] as const)('excludes a worker reporting %s (rule 8)', (symptom) => {
		const result = assess(healthyInput({ symptoms: [symptom] }));
		expect(result.outcome).toBe('excluded');
		expect(result.findings).toEqual([{ code: `symptom.${symptom}`, severity: 'exclude', params: undefined }]);
	});

	it.each(['vomiting', 'jaundice'] as const)('only warns for %s by default, as the rule book grades it', (symptom) => {
		const result = assess(healthyInput({ symptoms: [symptom] }));
		expect(result.outcome).toBe('fit_with_warnings');
		expect(result.findings[0]).toMatchObject({ code: `symptom.${symptom}`, severity: 'warn' });
	});

	it('lets a canteen make jaundice an exclusion, or stop asking about vomiting', () => {
		const custom = resolveSettings({
			type: 'elderly_care',
			overrides: { morningCheck: { symptoms: { jaundice: 'exclude', vomiting: 'off' } } }
		});
		expect(assess(healthyInput({ symptoms: ['jaundice'] }), cook(), custom).outcome).toBe('excluded');
		expect(assess(healthyInput({ symptoms: ['vomiting'] }), cook(), custom).outcome).toBe('fit');
		// The other symptoms keep their defaults.
		expect(custom.morningCheck.symptoms.diarrhoea).toBe('exclude');
	});

	it('keeps every symptom the check asks about covered by a setting', () => {
		for (const symptom of SYMPTOMS) expect(settings.morningCheck.symptoms[symptom]).toBeDefined();
	});

	it.each([
		['hands_ok', 'hygiene.hands'],
		['attire_ok', 'hygiene.attire'],
		['jewellery_nails_ok', 'hygiene.jewellery_nails']
	] as const)('records a failed %s as a warning once corrected (rule 10)', (field, code) => {
		const result = assess(healthyInput({ [field]: false, correction: '已当场纠正' }));
		expect(result.outcome).toBe('fit_with_warnings');
		expect(result.findings).toEqual([{ code, severity: 'warn' }]);
	});

	it('excludes a food handler whose certificate expired yesterday, not one whose expires today (rule 12)', () => {
		const expiresToday = cook({ certificate: { number: 'A1', issued: '2025-11-23', expires: '2026-11-22' } });
		expect(assess(healthyInput(), expiresToday).findings).toEqual([
			{ code: 'certificate.expiring', severity: 'warn', params: { date: '2026-11-22', days: 0 } }
		]);

		const expiredYesterday = cook({ certificate: { number: 'A1', issued: '2025-11-22', expires: '2026-11-21' } });
		const result = assess(healthyInput(), expiredYesterday);
		expect(result.outcome).toBe('excluded');
		expect(result.findings).toEqual([{ code: 'certificate.expired', severity: 'exclude', params: { date: '2026-11-21' } }]);
	});

	it('excludes a food handler without a certificate, but not a storekeeper (rule 11)', () => {
		const noCertificate = { number: '', issued: '', expires: '' };
		expect(assess(healthyInput(), cook({ certificate: noCertificate })).findings).toEqual([
			{ code: 'certificate.missing', severity: 'exclude' }
		]);
		expect(assess(healthyInput(), cook({ food_contact: false, certificate: noCertificate })).outcome).toBe('fit');
	});

	it('keeps a food handler whose certificate is dated tomorrow away from food; from its issue day it counts (issue 15)', () => {
		const datedTomorrow = cook({ certificate: { number: 'A1', issued: '2026-11-23', expires: '' } });
		const result = assess(healthyInput(), datedTomorrow);
		expect(result.outcome).toBe('excluded');
		expect(result.findings).toEqual([{ code: 'certificate.not_yet_valid', severity: 'exclude', params: { date: '2026-11-23' } }]);
		expect(assess(healthyInput(), cook({ certificate: { number: 'A1', issued: '2026-11-22', expires: '' } })).outcome).toBe('fit');
	});

	it('bars only food-contact posts (rule 8): a storekeeper with a fever or a cut may work, warned', () => {
		const storekeeper = cook({ food_contact: false, certificate: { number: '', issued: '', expires: '' } });
		const fever = assess(healthyInput({ temperature: 38.2 }), storekeeper);
		expect(fever.outcome).toBe('fit_with_warnings');
		expect(fever.findings).toEqual([
			{ code: 'symptom.fever', severity: 'warn', params: { temperature: 38.2 } },
			{ code: 'post.not_food_contact', severity: 'warn' }
		]);
		expect(assess(healthyInput({ symptoms: ['skin_wound'] }), storekeeper).outcome).toBe('fit_with_warnings');
		// The same symptoms keep a cook away from food.
		expect(assess(healthyInput({ temperature: 38.2 })).outcome).toBe('excluded');
		// A warning symptom stays a warning, with no note about posts.
		expect(assess(healthyInput({ symptoms: ['vomiting'] }), storekeeper).findings).toEqual([{ code: 'symptom.vomiting', severity: 'warn' }]);
	});

	it('warns 30 days ahead of expiry and not 31', () => {
		const expiring = (expires: string) => cook({ certificate: { number: 'A1', issued: '', expires } });
		expect(assess(healthyInput(), expiring('2026-12-22')).outcome).toBe('fit_with_warnings');
		expect(assess(healthyInput(), expiring('2026-12-23')).outcome).toBe('fit');
	});

	it('dates a check by the canteen’s calendar, not UTC', () => {
		// 23:30 UTC on the 21st is 07:30 on the 22nd in China.
		expect(checkDate({ checked_at: '2026-11-21T23:30:00.000Z' }, settings)).toBe('2026-11-22');
		expect(checkDate({ checked_at: '2026-11-21T15:59:00.000Z' }, settings)).toBe('2026-11-21');
	});
});

describe('what makes a morning check unsaveable (BLOCK)', () => {
	const errorsOf = (input: MorningCheckInput) => validateMorningCheck({ input, settings }).map((e) => [e.field, e.code]);

	it('accepts a complete healthy check', () => {
		expect(errorsOf(healthyInput())).toEqual([]);
	});

	it('refuses a missing temperature, person, checker or time', () => {
		expect(errorsOf(healthyInput({ temperature: null, staff: '', checked_by: ' ', checked_at: 'yesterday' }))).toEqual([
			['staff', 'required'],
			['checked_by', 'required'],
			['checked_at', 'required'],
			['temperature', 'required']
		]);
	});

	it('refuses readings no living worker has, like 55 °C or 30 °C', () => {
		expect(errorsOf(healthyInput({ temperature: 55 }))).toEqual([['temperature', 'temperature_out_of_range']]);
		expect(errorsOf(healthyInput({ temperature: 30 }))).toEqual([['temperature', 'temperature_out_of_range']]);
		expect(errorsOf(healthyInput({ temperature: 42.5 }))).toEqual([]);
	});

	it('needs the on-the-spot correction when a hygiene item failed (REASON)', () => {
		expect(errorsOf(healthyInput({ jewellery_nails_ok: false }))).toEqual([['correction', 'correction_required']]);
		expect(errorsOf(healthyInput({ jewellery_nails_ok: false, correction: '已摘下戒指' }))).toEqual([]);
	});

	it('refuses symptoms it does not know', () => {
		expect(errorsOf(healthyInput({ symptoms: ['headache' as never] }))).toEqual([['symptoms', 'unknown_symptom']]);
	});
});
