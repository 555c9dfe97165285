import type { Messages } from './zh-CN';

const en: Messages = {
	app: {
		name: 'Mingchu',
		tagline: 'Internet + Bright Kitchen · food-safety ledgers',
		kitchen: 'Kitchen tablet',
		admin: 'Administration',
		language: '中文'
	},
	enrol: {
		title: 'Enrol this tablet',
		intro: 'Enter the one-time code from your administrator (or open the link in its QR code).',
		code: 'Enrolment code',
		submit: 'Enrol',
		working: 'Enrolling…',
		needs_network: 'Enrolment needs the server once; afterwards the tablet works offline.',
		invalid_code: 'This code is invalid or has expired. Ask the administrator for a new one.'
	},
	kitchen: {
		today: 'Today',
		morning_check: 'Morning check',
		due: 'Due',
		done: 'Checked',
		checker: 'Checked by',
		choose_checker: 'Who is doing the checks?',
		change_checker: 'Change',
		no_staff: 'No staff yet. Connect to sync, or ask the administrator to add staff.',
		food_contact: 'Handles ready-to-eat food',
		not_food_contact: 'No food contact',
		rejected_title: 'Records the server refused',
		rejected_hint: 'They are still kept on this tablet. Fix and resend them, or void them.'
	},
	check: {
		title: 'Morning check: {name}',
		temperature: 'Temperature (°C)',
		other_temperature: 'Other reading',
		symptoms: 'Symptoms asked about',
		symptoms_none: 'None of these',
		hygiene: 'Personal hygiene',
		ok: 'OK',
		not_ok: 'Not OK',
		correction: 'Corrected on the spot',
		correction_hint: 'e.g. ring removed, hands washed again',
		save: 'Save',
		save_fit: 'All fine, save',
		cancel: 'Back',
		saved: 'Saved',
		result: 'Result',
		back_to_list: 'Back to the list',
		fix_and_resend: 'Fix and resend',
		void: 'Void',
		void_reason: 'Reason for voiding',
		void_confirm: 'Void this record',
		voided: 'Voided'
	},
	symptom: {
		fever: 'Fever',
		diarrhoea: 'Diarrhoea',
		vomiting: 'Vomiting',
		throat_inflammation: 'Throat inflammation',
		skin_wound: 'Wound or infection on the hands',
		jaundice: 'Jaundice'
	},
	hygiene: {
		hands: 'Hands clean',
		attire: 'Clean clothes and hat, no hair showing',
		jewellery_nails: 'No jewellery, no long or polished nails'
	},
	outcome: {
		fit: 'May work',
		fit_with_warnings: 'May work (see warnings)',
		excluded: 'Must not handle ready-to-eat food today'
	},
	finding: {
		'symptom.fever': 'Fever: {temperature} °C',
		'symptom.diarrhoea': 'Diarrhoea',
		'symptom.vomiting': 'Vomiting',
		'symptom.throat_inflammation': 'Throat inflammation',
		'symptom.skin_wound': 'Wound or infection on the hands',
		'symptom.jaundice': 'Jaundice',
		'hygiene.hands': 'Hands not clean (corrected)',
		'hygiene.attire': 'Clothes or hat not in order (corrected)',
		'hygiene.jewellery_nails': 'Jewellery or nails not in order (corrected)',
		'certificate.missing': 'No health certificate',
		'certificate.expired': 'Health certificate expired on {date}',
		'certificate.expiring': 'Health certificate expires on {date} ({days} days left)'
	},
	error: {
		required: 'Required',
		temperature_out_of_range: '{temperature} °C is outside the measurable range ({min}–{max} °C): measure again',
		unknown_symptom: 'Unknown symptom',
		correction_required: 'A failed hygiene item needs the correction made on the spot',
		staff_not_found: 'This staff member does not exist in this canteen',
		wrong_date: 'The record date does not match the time of the check',
		not_this_device: 'The record does not belong to this tablet',
		rejected: 'Refused by the server',
		offline: 'Cannot reach the server. Saved on this tablet; it uploads when back online',
		auth: 'Your session has expired. Please sign in again',
		forbidden: 'Not allowed',
		device_revoked: 'This tablet has been switched off or must be enrolled again: ask the administrator. Its records are still kept here.',
		server: 'Server error, please try again later'
	},
	sync: {
		synced: 'Synced',
		waiting: '{count} waiting to upload',
		rejected: '{count} refused',
		offline: 'Offline',
		last: 'Last sync {time}',
		never: 'Not synced yet',
		storage_low: 'Only {free} MB of storage left on this tablet: connect soon to upload, and do not clear browser data'
	},
	admin: {
		login: 'Administrator sign-in',
		email: 'Email',
		password: 'Password',
		sign_in: 'Sign in',
		sign_out: 'Sign out',
		canteen: 'Canteen',
		today_checks: "Today's morning checks",
		checked: '{done} of {total} checked',
		excluded: 'Not allowed to work',
		none_excluded: 'Nobody was excluded today',
		no_checks: 'No morning checks yet today',
		expiring: 'Health certificates expiring within 30 days or expired',
		none_expiring: 'No certificate expires soon',
		staff: 'Staff',
		time: 'Time',
		temperature: 'Temperature',
		outcome: 'Result',
		reasons: 'Reasons',
		checker: 'Checked by',
		kiosks: 'Kitchen tablets',
		new_kiosk: 'Add a tablet',
		kiosk_name: 'Tablet name',
		create_kiosk: 'Create enrolment code',
		enrol_code: 'One-time enrolment code (valid 24 h): {code}',
		enrolled: 'Enrolled',
		not_enrolled: 'Not enrolled',
		refresh: 'Refresh',
		certificate_until: 'Valid until {date}'
	}
};

export default en;
