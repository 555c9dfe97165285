import type { ErrorCode } from './error-codes';
import { localDateOf, type LocalDate } from './dates';
import { certificateStatus, type HealthCertificate } from './health-certificate';
import { DISEASES, SYMPTOMS, type CanteenSettings, type Disease, type Symptom } from './settings';

/** What the person doing the check enters. */
export interface MorningCheckInput {
	staff: string;
	/** ISO instant of the check, from the device clock. */
	checked_at: string;
	temperature: number | null;
	/**
	 * Symptoms asked about and reported (fever is derived from the temperature, not ticked), and any
	 * disease of the 2016 list the person reports (rule 13).
	 */
	symptoms: (Symptom | Disease)[];
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
	/** Rule 13: diseases of the 2016 list on the person's health record. */
	health_conditions?: Disease[];
	/**
	 * Rules 7–8: when the person was last kept from food for an illness and not cleared to return since
	 * (an instant; '' when not out).
	 */
	excluded_since?: string;
}

export type FindingCode =
	| `symptom.${Symptom}`
	| `disease.${Disease}`
	| 'return.not_cleared'
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
	/** Symptoms including the fever derived from the temperature, and reported diseases. */
	symptoms: (Symptom | Disease)[];
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
): (Symptom | Disease)[] {
	const reported = input.symptoms.filter((s) => s !== 'fever');
	const fever = input.temperature !== null && input.temperature >= settings.morningCheck.feverThresholdC;
	return fever ? ['fever', ...reported] : reported;
}

export function isDisease(value: string): value is Disease {
	return (DISEASES as readonly string[]).includes(value);
}

/**
 * Rules 7–8 and 13: whether a stored check keeps the person out beyond today, until a cleared-to-return
 * entry: an illness (a symptom or a disease) that barred them from food. A certificate is mended by
 * renewing it, not by a clearance.
 */
export function startsExclusion(findings: Finding[]): boolean {
	return findings.some((f) => f.severity === 'exclude' && (f.code.startsWith('symptom.') || f.code.startsWith('disease.')));
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
	/** Rule 8 bars the worker from food-contact posts: someone who never handles food may work, warned. */
	const bar = (code: FindingCode, params?: Record<string, string | number>) => {
		keptFromFood ||= !staff.food_contact;
		const severity = staff.food_contact ? 'exclude' : 'warn';
		findings.push(params ? { code, severity, params } : { code, severity });
	};
	// Rule 13: reported today or on the health record, a disease of the 2016 list always bars.
	const diseases = [...new Set([...symptoms.filter(isDisease), ...(staff.health_conditions ?? [])])];
	for (const disease of diseases) bar(`disease.${disease}`);
	// Rules 7–8: excluded before and not cleared to return since, whatever today's answers.
	const since = staff.excluded_since ? Date.parse(staff.excluded_since) : NaN;
	if (Number.isFinite(since) && since < Date.parse(input.checked_at)) {
		bar('return.not_cleared', { date: localDateOf(staff.excluded_since!, settings.utcOffsetMinutes) });
	}
	for (const symptom of symptoms) {
		if (isDisease(symptom)) continue;
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

	if (!Array.isArray(input.symptoms) || input.symptoms.some((s) => !SYMPTOMS.includes(s as Symptom) && !isDisease(s)))
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
