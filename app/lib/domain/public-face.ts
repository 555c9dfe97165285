// What a canteen shows the public (the page behind its QR code, the dining-room display, ordering
// platforms) and what the public may say back: the facts its managers keep, ratings, complaints, and
// the food-safety index with its formula. Pure: the public page, the administration and the server's
// hooks read the same rules. (Kept apart from the rest of the rule book so that the public page, which
// must stay small on a parent's phone, imports only this file.)
import type { PublicMessages } from '../i18n/zh-CN.public';

/** Every code a public form is refused with is a message of the public page (zh-CN and en by type). */
export type PublicErrorCode = keyof PublicMessages['refusal'];
export interface PublicError {
	field: string;
	code: PublicErrorCode;
	params?: Record<string, string | number>;
}

// ---------------------------------------------------------------------------------------------------
// The canteen's public facts (kept by its managers; the grade is the regulator's)

export interface PublicFacts {
	address: string;
	licence_number: string;
	/** YYYY-MM-DD or '' when not known. */
	licence_expires: string;
	commitment: string;
	responsible_person: string;
	complaint_phone: string;
	embed_enabled: boolean;
}

export const PUBLIC_FACT_LIMITS = { address: 300, licence_number: 100, commitment: 500, responsible_person: 50, complaint_phone: 30 } as const;

/**
 * A Chinese telephone number as people write it: a mobile (11 digits from 13…19), a landline with its
 * area code (and extension), a local number (7–8 digits, never starting with 0 or 1), a hotline (12315,
 * 95xxx) or a 400 number. A number starting with 1 of any other length is a mobile typed wrong.
 */
const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|[2-8]\d{6,7}|1\d{2,4}|95\d{3,6}|400-?\d{3}-?\d{4})$/;

function isDate(value: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	const parsed = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

export function validatePublicFacts(facts: PublicFacts): PublicError[] {
	const errors: PublicError[] = [];
	for (const [field, max] of Object.entries(PUBLIC_FACT_LIMITS)) {
		const value = facts[field as keyof typeof PUBLIC_FACT_LIMITS];
		if (value.length > max) errors.push({ field, code: 'too_long', params: { max } });
	}
	if (facts.licence_expires && !isDate(facts.licence_expires)) errors.push({ field: 'licence_expires', code: 'date_invalid' });
	if (facts.complaint_phone && !PHONE.test(facts.complaint_phone.replace(/\s/g, ''))) errors.push({ field: 'complaint_phone', code: 'phone_invalid' });
	if (facts.licence_expires && !facts.licence_number) errors.push({ field: 'licence_number', code: 'licence_number_required' });
	return errors;
}

/** The quantified grade (量化分级) as the face people know from the door sticker. */
export type Smiley = 'smile' | 'neutral' | 'cry';
export function smileyOf(grade: string): Smiley | null {
	return grade === 'A' ? 'smile' : grade === 'B' ? 'neutral' : grade === 'C' ? 'cry' : null;
}

// ---------------------------------------------------------------------------------------------------
// Ratings and complaints

export const RATING_ASPECTS = ['taste', 'hygiene', 'service'] as const;
export type RatingAspect = (typeof RATING_ASPECTS)[number];
/** 1 哭脸, 2 平脸, 3 笑脸. */
export type RatingValue = 1 | 2 | 3;

export interface RatingInput {
	taste: number;
	hygiene: number;
	service: number;
	comment: string;
}

export const COMMENT_MAX = 200;

export function validateRating(input: RatingInput): PublicError[] {
	const errors: PublicError[] = [];
	for (const aspect of RATING_ASPECTS) {
		if (![1, 2, 3].includes(input[aspect])) errors.push({ field: aspect, code: 'rating_required' });
	}
	if (input.comment.length > COMMENT_MAX) errors.push({ field: 'comment', code: 'too_long', params: { max: COMMENT_MAX } });
	return errors;
}

export const COMPLAINT_CATEGORIES = ['foreign_matter', 'spoiled', 'illness', 'hygiene', 'service', 'other'] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

export interface ComplaintInput {
	category: string;
	text: string;
	/** Optional, for a reply by phone; seen by the canteen's managers and regulators only. */
	phone: string;
}

export const COMPLAINT_TEXT = { min: 5, max: 1000 } as const;

export function validateComplaint(input: ComplaintInput): PublicError[] {
	const errors: PublicError[] = [];
	if (!(COMPLAINT_CATEGORIES as readonly string[]).includes(input.category)) errors.push({ field: 'category', code: 'category_required' });
	const text = input.text.trim();
	if (text.length < COMPLAINT_TEXT.min) errors.push({ field: 'text', code: 'complaint_too_short', params: { min: COMPLAINT_TEXT.min } });
	if (text.length > COMPLAINT_TEXT.max) errors.push({ field: 'text', code: 'too_long', params: { max: COMPLAINT_TEXT.max } });
	if (input.phone && !PHONE.test(input.phone.replace(/\s/g, ''))) errors.push({ field: 'phone', code: 'phone_invalid' });
	return errors;
}

/**
 * A complaint's alert in the oversight loop: one that says people fell ill is 二类 (the regulator sees
 * it at once: suspected foodborne illness); any other is the canteen's own (三类) until it is overdue.
 */
export function complaintAlertKind(category: ComplaintCategory): 'complaint.illness' | 'complaint.received' {
	return category === 'illness' ? 'complaint.illness' : 'complaint.received';
}

/**
 * How much one phone and one address may send (per day, counted on the server). A family shares one
 * address behind a school's or a mobile carrier's NAT, so the address limit is higher than the phone's.
 */
export const FEEDBACK_LIMITS = {
	ratingsPerDevice: 1,
	ratingsPerAddress: 30,
	complaintsPerDevice: 3,
	complaintsPerAddress: 10,
	/** A form sent sooner than this after it was opened was not filled in by a person. */
	minFillSeconds: 3,
	/** A form token older than this is refused (the page fetches a new one). */
	tokenHours: 2
} as const;

// ---------------------------------------------------------------------------------------------------
// The food-safety index (0–100)

export interface SafetyIndexInputs {
	/** Share of owed ledger-days kept over the window (the oversight grid's completeness), or null. */
	completeness: number | null;
	/** Alerts raised over the window (rule-book exceptions, AI cameras, sensors, complaints). */
	exceptions: number;
	/** Days in the window (for exceptions per week). */
	days: number;
	/** Alerts that fell due in the window, and how many of them were answered before they were due. */
	due: number;
	answeredOnTime: number;
	/** The latest regulator inspection's result within a year, or null. */
	inspection: 'pass' | 'rectify' | 'fail' | null;
	/** Average public rating (1–3 over the three aspects) and how many ratings it rests on. */
	rating: number | null;
	ratings: number;
}

/** Weights out of 100; a part without data is left out and the others scaled up to 100. */
export const SAFETY_INDEX_WEIGHTS = { completeness: 40, exceptions: 15, rectification: 15, inspection: 20, rating: 10 } as const;
export type SafetyIndexPart = keyof typeof SAFETY_INDEX_WEIGHTS;
/** Five or more exceptions a week score nothing on that part. */
export const EXCEPTIONS_PER_WEEK_ZERO = 5;
/** Fewer ratings than this are too few to count (one angry or one friendly voice is not the public). */
export const RATINGS_AT_LEAST = 5;
const INSPECTION_SCORE = { pass: 1, rectify: 0.5, fail: 0 } as const;

export interface SafetyIndex {
	/** 0–100, or null when nothing is known yet. */
	score: number | null;
	/** Each part's score 0–1, or null when left out. */
	parts: Record<SafetyIndexPart, number | null>;
}

export function safetyIndex(inputs: SafetyIndexInputs): SafetyIndex {
	const weeks = Math.max(1, inputs.days) / 7;
	const parts: Record<SafetyIndexPart, number | null> = {
		completeness: inputs.completeness,
		exceptions: inputs.days > 0 ? Math.max(0, 1 - inputs.exceptions / weeks / EXCEPTIONS_PER_WEEK_ZERO) : null,
		rectification: inputs.due > 0 ? inputs.answeredOnTime / inputs.due : null,
		inspection: inputs.inspection ? INSPECTION_SCORE[inputs.inspection] : null,
		rating: inputs.rating !== null && inputs.ratings >= RATINGS_AT_LEAST ? (inputs.rating - 1) / 2 : null
	};
	let weight = 0;
	let sum = 0;
	for (const part of Object.keys(SAFETY_INDEX_WEIGHTS) as SafetyIndexPart[]) {
		const value = parts[part];
		if (value === null) continue;
		weight += SAFETY_INDEX_WEIGHTS[part];
		sum += SAFETY_INDEX_WEIGHTS[part] * Math.min(1, Math.max(0, value));
	}
	// Completeness carries the index: without it (a canteen with no days behind it) there is no index.
	if (parts.completeness === null || weight === 0) return { score: null, parts };
	return { score: Math.round((sum / weight) * 100), parts };
}

/** The first characters of a day's seal, enough to compare by eye with the full one later. */
export const shortSeal = (digest: string) => digest.slice(0, 12);
