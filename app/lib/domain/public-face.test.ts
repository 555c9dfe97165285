import { describe, expect, it } from 'vitest';
import { complaintAlertKind, safetyIndex, smileyOf, validateComplaint, validatePublicFacts, validateRating, type PublicFacts, type SafetyIndexInputs } from './public-face';

const facts = (overrides: Partial<PublicFacts> = {}): PublicFacts => ({
	address: '示范县学府路 1 号',
	licence_number: 'JY36010200000042',
	licence_expires: '2027-06-30',
	commitment: '',
	responsible_person: '刘主任',
	complaint_phone: '0791-12345678',
	embed_enabled: false,
	...overrides
});

const inputs = (overrides: Partial<SafetyIndexInputs> = {}): SafetyIndexInputs => ({
	completeness: 1,
	exceptions: 0,
	days: 28,
	due: 0,
	answeredOnTime: 0,
	inspection: null,
	rating: null,
	ratings: 0,
	...overrides
});

describe('the public facts a canteen keeps', () => {
	it('takes the phone numbers people write: mobile, landline with area code, a hotline', () => {
		for (const phone of ['13812345678', '0791-12345678', '079112345678', '010-1234567', '12315', '95588', '87654321', '400-123-4567', '138 1234 5678']) {
			expect(validatePublicFacts(facts({ complaint_phone: phone })), phone).toEqual([]);
		}
		for (const phone of ['12', '1381234567', '138 1234', 'abc', '0791-123', '123456789012']) {
			expect(validatePublicFacts(facts({ complaint_phone: phone })).map((e) => e.code), phone).toEqual(['phone_invalid']);
		}
	});

	it('refuses a date that does not exist, and an expiry without the licence it belongs to', () => {
		expect(validatePublicFacts(facts({ licence_expires: '2027-02-29' })).map((e) => e.code)).toEqual(['date_invalid']);
		expect(validatePublicFacts(facts({ licence_expires: '2028-02-29' }))).toEqual([]);
		expect(validatePublicFacts(facts({ licence_number: '' })).map((e) => e.field)).toEqual(['licence_number']);
	});

	it('keeps the commitment to 500 characters', () => {
		expect(validatePublicFacts(facts({ commitment: '诚'.repeat(500) }))).toEqual([]);
		expect(validatePublicFacts(facts({ commitment: '诚'.repeat(501) }))).toEqual([{ field: 'commitment', code: 'too_long', params: { max: 500 } }]);
	});

	it('shows the grade as the face on the door sticker', () => {
		expect(['A', 'B', 'C', ''].map(smileyOf)).toEqual(['smile', 'neutral', 'cry', null]);
	});
});

describe('ratings and complaints', () => {
	it('needs a face for each aspect', () => {
		expect(validateRating({ taste: 3, hygiene: 2, service: 1, comment: '' })).toEqual([]);
		expect(validateRating({ taste: 0, hygiene: 4, service: 2.5, comment: '' }).map((e) => e.field)).toEqual(['taste', 'hygiene', 'service']);
	});

	it('needs a category and at least five characters, and a phone only if one is given', () => {
		expect(validateComplaint({ category: 'hygiene', text: '桌面不干净', phone: '' })).toEqual([]);
		expect(validateComplaint({ category: 'hygiene', text: ' 不干净 ', phone: '' }).map((e) => e.code)).toEqual(['complaint_too_short']);
		expect(validateComplaint({ category: 'nonsense', text: '桌面不干净', phone: '12' }).map((e) => e.field)).toEqual(['category', 'phone']);
	});

	it('sends a complaint of illness to the regulator at once, any other to the canteen first', () => {
		expect(complaintAlertKind('illness')).toBe('complaint.illness');
		expect(complaintAlertKind('foreign_matter')).toBe('complaint.received');
	});
});

describe('the food-safety index', () => {
	it('is 100 for a canteen that keeps everything and has nothing else known', () => {
		expect(safetyIndex(inputs())).toEqual({ score: 100, parts: { completeness: 1, exceptions: 1, rectification: null, inspection: null, rating: null } });
	});

	it('has no score without a day behind the canteen', () => {
		expect(safetyIndex(inputs({ completeness: null })).score).toBeNull();
	});

	it('weighs each known part and scales the rest up to 100', () => {
		// completeness 0.9 (40), exceptions 2.5/week → 0.5 (15), rectified 3/4 (15), inspection rectify 0.5 (20),
		// rating 2.5 → 0.75 (10): (36 + 7.5 + 11.25 + 10 + 7.5) / 100.
		const index = safetyIndex(inputs({ completeness: 0.9, exceptions: 10, due: 4, answeredOnTime: 3, inspection: 'rectify', rating: 2.5, ratings: 5 }));
		expect(index.score).toBe(72);
		// Without the inspection the other 80 points are scaled to 100.
		expect(safetyIndex(inputs({ completeness: 0.9, exceptions: 10, due: 4, answeredOnTime: 3, rating: 2.5, ratings: 5 })).score).toBe(Math.round(((36 + 7.5 + 11.25 + 7.5) / 80) * 100));
	});

	it('leaves out a rating resting on fewer than five voices', () => {
		expect(safetyIndex(inputs({ rating: 1, ratings: 4 })).parts.rating).toBeNull();
		expect(safetyIndex(inputs({ rating: 1, ratings: 5 })).parts.rating).toBe(0);
	});

	it('scores nothing for exceptions at five a week or more, never below zero', () => {
		expect(safetyIndex(inputs({ exceptions: 20, days: 28 })).parts.exceptions).toBe(0);
		expect(safetyIndex(inputs({ exceptions: 200, days: 28 })).parts.exceptions).toBe(0);
		expect(safetyIndex(inputs({ exceptions: 19, days: 28 })).parts.exceptions).toBeCloseTo(0.05);
	});
});
