import { daysBetween, isLocalDate, type LocalDate } from './dates';
import { DISEASES, type Disease } from './settings';

/** A staff member as an administrator enters them. */
export interface StaffInput {
	name: string;
	role: string;
	food_contact: boolean;
	active: boolean;
	certificate_number: string;
	certificate_issued: LocalDate | '';
	certificate_expires: LocalDate | '';
	/** Rule 13: diseases of the 2016 list the person has (they are kept from food until cleared to return). */
	health_conditions?: Disease[];
	/**
	 * The PIN's verifier (PIN_VERIFIER below): the kiosk checks a PIN offline against it; empty when no
	 * PIN is set. Never returned by the records API (a hidden field); kiosks get it from their own route.
	 */
	pin_hash?: string;
}

export interface StaffFieldError {
	field: keyof StaffInput | 'pin';
	code: 'required' | 'invalid_date' | 'expires_before_issue' | 'certificate_dates_required' | 'issued_in_future' | 'pin_format' | 'unknown_disease';
}

/** A staff PIN is four digits, typed on the kiosk with wet hands. */
export function isPin(value: string): boolean {
	return /^\d{4}$/.test(value);
}

/**
 * What is hashed for a PIN: tied to the person, so that two people with the same PIN have different
 * hashes. Four digits are guessable by anyone holding the hash; the PIN only says who is at the
 * kiosk, like a name tag, and the records say who entered them.
 */
export function pinText(staffId: string, pin: string): string {
	return `mingchu-pin:${staffId}:${pin}`;
}

/**
 * How a PIN is kept: PBKDF2-SHA256 of pinText() with a random salt, `pbkdf2-sha256$<rounds>$<salt>$<hash>`.
 * The kiosk must check a PIN with no network, so it holds this verifier; the rounds make each of the
 * 10,000 guesses cost tens of milliseconds instead of nanoseconds (bench/README figures).
 */
export const PIN_ROUNDS = 100_000;
const PIN_VERIFIER = /^pbkdf2-sha256\$(\d{6,7})\$([0-9a-f]{32})\$([0-9a-f]{64})$/;
/** The first kiosks kept a plain SHA-256 of pinText(); still checked until the administrator sets a new PIN. */
const LEGACY_PIN_HASH = /^[0-9a-f]{64}$/;

export function parsePinVerifier(value: string): { rounds: number; salt: string; hash: string } | { legacy: string } | null {
	if (LEGACY_PIN_HASH.test(value)) return { legacy: value };
	const match = PIN_VERIFIER.exec(value);
	if (!match || Number(match[1]) < PIN_ROUNDS) return null;
	return { rounds: Number(match[1]), salt: match[2]!, hash: match[3]! };
}

/** A verifier an administrator may set now (the legacy form is only read, never written again). */
export function isNewPinVerifier(value: string): boolean {
	const parsed = parsePinVerifier(value);
	return parsed !== null && !('legacy' in parsed);
}

/**
 * What makes a staff record unsaveable. A food handler may be entered before the certificate arrives
 * (the morning check then keeps them away from food, rule 11), but a certificate number without a
 * date, or dates that contradict each other, are typing mistakes.
 */
export function validateStaff(input: StaffInput, today?: LocalDate): StaffFieldError[] {
	const errors: StaffFieldError[] = [];
	if (!input.name?.trim()) errors.push({ field: 'name', code: 'required' });
	if (input.pin_hash && !parsePinVerifier(input.pin_hash)) errors.push({ field: 'pin', code: 'pin_format' });
	for (const field of ['certificate_issued', 'certificate_expires'] as const) {
		if (input[field] && !isLocalDate(input[field])) errors.push({ field, code: 'invalid_date' });
	}
	if (input.certificate_number?.trim() && !input.certificate_issued && !input.certificate_expires)
		errors.push({ field: 'certificate_issued', code: 'certificate_dates_required' });
	if (
		isLocalDate(input.certificate_issued) &&
		isLocalDate(input.certificate_expires) &&
		daysBetween(input.certificate_issued, input.certificate_expires) < 0
	)
		errors.push({ field: 'certificate_expires', code: 'expires_before_issue' });
	// A certificate is issued after the examination: one dated after today is a typing mistake.
	if (today && isLocalDate(input.certificate_issued) && daysBetween(today, input.certificate_issued) > 0)
		errors.push({ field: 'certificate_issued', code: 'issued_in_future' });
	if (input.health_conditions !== undefined && (!Array.isArray(input.health_conditions) || input.health_conditions.some((d) => !DISEASES.includes(d))))
		errors.push({ field: 'health_conditions', code: 'unknown_disease' });
	return errors;
}
