import { certificateStatus, type CanteenSettings, type LocalDate, type StaffForCheck } from '$lib/domain';
import type { StaffRecord } from './schema';

/** A staff record as the rules see it. */
export function staffForCheck(staff: StaffRecord): StaffForCheck {
	return {
		id: staff.id,
		name: staff.name,
		food_contact: staff.food_contact,
		certificate: {
			number: staff.certificate_number,
			issued: staff.certificate_issued,
			expires: staff.certificate_expires
		},
		health_conditions: staff.health_conditions ?? [],
		// PocketBase writes instants with a space; the rules read ISO.
		excluded_since: staff.excluded_since ? staff.excluded_since.replace(' ', 'T') : ''
	};
}

export function staffCertificateStatus({
	staff,
	today,
	settings
}: {
	staff: StaffRecord;
	today: LocalDate;
	settings: CanteenSettings;
}) {
	return certificateStatus({
		certificate: staffForCheck(staff).certificate,
		today,
		warnDays: settings.morningCheck.certificateWarnDays
	});
}
