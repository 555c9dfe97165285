import { addDaysTo, addYearsTo, daysBetween, isLocalDate, type LocalDate } from './dates';

export interface HealthCertificate {
	number?: string;
	issued?: LocalDate | '';
	expires?: LocalDate | '';
}

export type CertificateState = 'valid' | 'expiring' | 'expired' | 'missing' | 'not_yet_valid';

export interface CertificateStatus {
	state: CertificateState;
	/** The last day the certificate is valid, when known. */
	validUntil?: LocalDate;
	/** The first day it is valid: its issue date (a certificate dated tomorrow is not one today). */
	validFrom?: LocalDate;
	/** Days from `today` to `validUntil` (0 = expires today, negative = expired). */
	daysLeft?: number;
}

/**
 * Rules 11–12: the certificate follows a yearly examination, so without an explicit expiry date it is
 * valid for one year from issue. It is still valid on its expiry day and expired the day after.
 */
export function certificateStatus({
	certificate,
	today,
	warnDays
}: {
	certificate: HealthCertificate;
	today: LocalDate;
	warnDays: number;
}): CertificateStatus {
	let validUntil: LocalDate | undefined;
	if (isLocalDate(certificate.expires)) validUntil = certificate.expires;
	else if (isLocalDate(certificate.issued)) validUntil = addDaysTo(addYearsTo(certificate.issued, 1), -1);

	if (!certificate.number?.trim()) return { state: 'missing' };
	// Issue 15: valid from its issue date only.
	if (isLocalDate(certificate.issued) && daysBetween(today, certificate.issued) > 0) return { state: 'not_yet_valid', validFrom: certificate.issued, validUntil };
	return expiryStatus({ validUntil, today, warnDays });
}

/** A document valid through `validUntil`: still valid that day, expired the day after (licences too). */
export function expiryStatus({ validUntil, today, warnDays }: { validUntil: LocalDate | undefined; today: LocalDate; warnDays: number }): CertificateStatus {
	if (!validUntil || !isLocalDate(validUntil)) return { state: 'missing' };
	const daysLeft = daysBetween(today, validUntil);
	if (daysLeft < 0) return { state: 'expired', validUntil, daysLeft };
	if (daysLeft <= warnDays) return { state: 'expiring', validUntil, daysLeft };
	return { state: 'valid', validUntil, daysLeft };
}
