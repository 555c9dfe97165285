import type { ErrorCode } from './error-codes';
import { localDateOf, type LocalDate } from './dates';
import { certificateStatus, type HealthCertificate } from './health-certificate';
import { SYMPTOMS, type CanteenSettings, type Symptom } from './settings';

/** What the person doing the check enters. */
export interface MorningCheckInput {
	staff: string;
	/** ISO instant of the check, from the device clock. */
	checked_at: string;
	temperature: number | null;
	/** Symptoms asked about and reported; fever is derived from the temperature, not ticked. */
	symptoms: Symptom[];
	hands_ok: boolean;
	attire_ok: boolean;
	/** No jewellery, no long or polished nails. */
	jewellery_nails_ok: boolean;
	/** Rule 10 (REASON): what was corrected on the spot when a hygiene item failed. */
	correction: string;
	/** Name of the person who did the check and accepts any correction. */
	checked_by: string;
}

export interface StaffForCheck {
	id: string;
	name: string;
	food_contact: boolean;
	certificate: HealthCertificate;
}

export type FindingCode =
	| `symptom.${Symptom}`
	| 'hygiene.hands'
	| 'hygiene.attire'
	| 'hygiene.jewellery_nails'
	| 'certificate.missing'
	| 'certificate.not_yet_valid'
	| 'certificate.expired'
	| 'certificate.expiring'
	| 'post.not_food_contact';

export interface Finding {
	code: FindingCode;
	/** `exclude` keeps the worker away from food-contact work today; `warn` is shown with the record. */
	severity: 'exclude' | 'warn';
	params?: Record<string, string | number>;
}

export type MorningCheckOutcome = 'fit' | 'fit_with_warnings' | 'excluded';

export interface MorningCheckAssessment {
	outcome: MorningCheckOutcome;
	findings: Finding[];
	/** Symptoms including the fever derived from the temperature. */
	symptoms: Symptom[];
}

/** A field that makes the record unsaveable (BLOCK), with a message code for i18n. */
export interface FieldError {
	field: keyof MorningCheckInput;
	code: ErrorCode;
	params?: Record<string, string | number>;
}

export function symptomsWithFever(
	input: Pick<MorningCheckInput, 'temperature' | 'symptoms'>,
	settings: CanteenSettings
): Symptom[] {
	const reported = input.symptoms.filter((s) => s !== 'fever');
	const fever = input.temperature !== null && input.temperature >= settings.morningCheck.feverThresholdC;
	return fever ? ['fever', ...reported] : reported;
}

/** Rules 8–13: who may handle food today, and why not. */
export function assessMorningCheck({
	input,
	staff,
	settings
}: {
	input: MorningCheckInput;
	staff: StaffForCheck;
	settings: CanteenSettings;
}): MorningCheckAssessment {
	const rules = settings.morningCheck;
	const findings: Finding[] = [];
	const symptoms = symptomsWithFever(input, settings);

	let keptFromFood = false;
	for (const symptom of symptoms) {
		const graded = rules.symptoms[symptom];
		if (graded === 'off' || graded === undefined) continue;
		// Rule 8 bars the worker from food-contact posts: someone who never handles food may work, warned.
		const severity = graded === 'exclude' && !staff.food_contact ? 'warn' : graded;
		keptFromFood ||= graded === 'exclude' && !staff.food_contact;
		findings.push({
			code: `symptom.${symptom}`,
			severity,
			params: symptom === 'fever' && input.temperature !== null ? { temperature: input.temperature } : undefined
		});
	}
	if (keptFromFood) findings.push({ code: 'post.not_food_contact', severity: 'warn' });

	if (!input.hands_ok) findings.push({ code: 'hygiene.hands', severity: 'warn' });
	if (!input.attire_ok) findings.push({ code: 'hygiene.attire', severity: 'warn' });
	if (!input.jewellery_nails_ok) findings.push({ code: 'hygiene.jewellery_nails', severity: 'warn' });

	const today = localDateOf(input.checked_at, settings.utcOffsetMinutes);
	const certificate = certificateStatus({
		certificate: staff.certificate,
		today,
		warnDays: rules.certificateWarnDays
	});
	// A worker who never touches food needs no certificate (rule 11 applies to food-contact staff).
	if (staff.food_contact) {
		if (certificate.state === 'missing') findings.push({ code: 'certificate.missing', severity: 'exclude' });
		if (certificate.state === 'not_yet_valid') findings.push({ code: 'certificate.not_yet_valid', severity: 'exclude', params: { date: certificate.validFrom ?? '' } });
		if (certificate.state === 'expired')
			findings.push({
				code: 'certificate.expired',
				severity: 'exclude',
				params: { date: certificate.validUntil ?? '' }
			});
	}
	if (certificate.state === 'expiring')
		findings.push({
			code: 'certificate.expiring',
			severity: 'warn',
			params: { date: certificate.validUntil ?? '', days: certificate.daysLeft ?? 0 }
		});

	const outcome: MorningCheckOutcome = findings.some((f) => f.severity === 'exclude')
		? 'excluded'
		: findings.length > 0
			? 'fit_with_warnings'
			: 'fit';
	return { outcome, findings, symptoms };
}

/** What makes a check unsaveable (BLOCK): the kiosk refuses it, the server rejects it. */
export function validateMorningCheck({
	input,
	settings
}: {
	input: MorningCheckInput;
	settings: CanteenSettings;
}): FieldError[] {
	const errors: FieldError[] = [];
	const { min, max } = settings.morningCheck.plausibleTemperatureC;

	if (!input.staff?.trim()) errors.push({ field: 'staff', code: 'required' });
	if (!input.checked_by?.trim()) errors.push({ field: 'checked_by', code: 'required' });
	if (!input.checked_at || Number.isNaN(Date.parse(input.checked_at)))
		errors.push({ field: 'checked_at', code: 'required' });

	if (input.temperature === null || input.temperature === undefined || Number.isNaN(input.temperature))
		errors.push({ field: 'temperature', code: 'required' });
	else if (input.temperature < min || input.temperature > max)
		errors.push({
			field: 'temperature',
			code: 'temperature_out_of_range',
			params: { temperature: input.temperature, min, max }
		});

	if (!Array.isArray(input.symptoms) || input.symptoms.some((s) => !SYMPTOMS.includes(s)))
		errors.push({ field: 'symptoms', code: 'unknown_symptom' });

	const hygieneFailed = !input.hands_ok || !input.attire_ok || !input.jewellery_nails_ok;
	if (hygieneFailed && !input.correction?.trim())
		errors.push({ field: 'correction', code: 'correction_required' });

	return errors;
}

/** The day a check belongs to, in the canteen's calendar. */
export function checkDate(input: Pick<MorningCheckInput, 'checked_at'>, settings: CanteenSettings): LocalDate {
	return localDateOf(input.checked_at, settings.utcOffsetMinutes);
}
