import { daysBetween, isLocalDate, type LocalDate } from './dates';

/** A staff member as an administrator enters them. */
export interface StaffInput {
	name: string;
	role: string;
	food_contact: boolean;
	active: boolean;
	certificate_number: string;
	certificate_issued: LocalDate | '';
	certificate_expires: LocalDate | '';
	/** SHA-256 of pinText(): the kiosk checks a PIN offline; empty when no PIN is set. */
	pin_hash?: string;
}

export interface StaffFieldError {
	field: keyof StaffInput | 'pin';
	code: 'required' | 'invalid_date' | 'expires_before_issue' | 'certificate_dates_required' | 'pin_format';
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
 * What makes a staff record unsaveable. A food handler may be entered before the certificate arrives
 * (the morning check then keeps them away from food, rule 11), but a certificate number without a
 * date, or dates that contradict each other, are typing mistakes.
 */
export function validateStaff(input: StaffInput): StaffFieldError[] {
	const errors: StaffFieldError[] = [];
	if (!input.name?.trim()) errors.push({ field: 'name', code: 'required' });
	if (input.pin_hash && !/^[0-9a-f]{64}$/.test(input.pin_hash)) errors.push({ field: 'pin', code: 'pin_format' });
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
	return errors;
}
