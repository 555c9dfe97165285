// What a canteen's administrator may set for their own kitchen: times and names, not the rule book's
// thresholds (those are per canteen type and, where a province differs, set by the operator).
import { resolveSettings, type CanteenSettings } from './settings';

export interface OperationalSettings {
	breakfastEnds: string;
	lunchEnds: string;
	dinnerEnds: string;
	wasteBy: string;
	openingInspectionBy: string;
	closingInspectionBy: string;
	/** 五专: the person responsible for food additives (rule 25). */
	additiveKeeper: string;
	idleLockMinutes: number;
	/** The uplink the school's line gives to forwarding cameras, kbps; 0: 0.5 Mbps a camera. */
	uplinkKbps: number;
}

export interface OperationalSettingsError {
	field: keyof OperationalSettings;
	code: 'time_format' | 'idle_lock_range' | 'required' | 'uplink_range';
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function operationalSettingsOf(settings: CanteenSettings): OperationalSettings {
	return {
		breakfastEnds: settings.schedule.meals.breakfast ?? '',
		lunchEnds: settings.schedule.meals.lunch ?? '',
		dinnerEnds: settings.schedule.meals.dinner ?? '',
		wasteBy: settings.schedule.wasteBy,
		openingInspectionBy: settings.schedule.openingInspectionBy,
		closingInspectionBy: settings.schedule.closingInspectionBy,
		additiveKeeper: settings.additives.keeper,
		idleLockMinutes: settings.kiosk.idleLockMinutes,
		uplinkKbps: settings.video.uplinkKbps
	};
}

/** A meal time may be empty (the canteen does not serve that meal); the others are HH:MM. */
export function validateOperationalSettings(input: OperationalSettings): OperationalSettingsError[] {
	const errors: OperationalSettingsError[] = [];
	for (const field of ['breakfastEnds', 'lunchEnds', 'dinnerEnds'] as const) {
		if (input[field] && !TIME.test(input[field])) errors.push({ field, code: 'time_format' });
	}
	for (const field of ['wasteBy', 'openingInspectionBy', 'closingInspectionBy'] as const) {
		if (!TIME.test(input[field] ?? '')) errors.push({ field, code: 'time_format' });
	}
	if (!Number.isInteger(input.idleLockMinutes) || input.idleLockMinutes < 1 || input.idleLockMinutes > 60) {
		errors.push({ field: 'idleLockMinutes', code: 'idle_lock_range' });
	}
	if (!Number.isInteger(input.uplinkKbps) || input.uplinkKbps < 0 || input.uplinkKbps > 1_000_000) {
		errors.push({ field: 'uplinkKbps', code: 'uplink_range' });
	}
	return errors;
}

/** The canteen's stored overrides with the operational settings written in; everything else kept. */
export function withOperationalSettings(overrides: unknown, input: OperationalSettings): Record<string, unknown> {
	const stored = typeof overrides === 'object' && overrides !== null && !Array.isArray(overrides) ? (overrides as Record<string, Record<string, unknown>>) : {};
	// A meal the canteen does not serve is kept as "": the today screen skips it.
	const meals = { breakfast: input.breakfastEnds, lunch: input.lunchEnds, dinner: input.dinnerEnds };
	return {
		...stored,
		schedule: {
			...stored.schedule,
			meals,
			wasteBy: input.wasteBy,
			openingInspectionBy: input.openingInspectionBy,
			closingInspectionBy: input.closingInspectionBy
		},
		additives: { ...stored.additives, keeper: input.additiveKeeper.trim() },
		kiosk: { ...stored.kiosk, idleLockMinutes: input.idleLockMinutes },
		video: { ...stored.video, uplinkKbps: input.uplinkKbps }
	};
}

/** Round trip for tests and the server: the settings a canteen of `type` ends up with. */
export function settingsAfter(type: string, overrides: unknown, input: OperationalSettings): CanteenSettings {
	return resolveSettings({ type, overrides: withOperationalSettings(overrides, input) });
}
