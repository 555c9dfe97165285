// Thresholds from ../shared/rules.md. Every one is a setting: the defaults below are overridden per
// canteen type first, then per canteen (the canteen record's `settings` JSON).

export const CANTEEN_TYPES = [
	'school',
	'kindergarten',
	'elderly_care',
	'hospital',
	'central_kitchen',
	'group_meal',
	'restaurant'
] as const;
export type CanteenType = (typeof CANTEEN_TYPES)[number];

export const SYMPTOMS = [
	'fever',
	'diarrhoea',
	'vomiting',
	'throat_inflammation',
	'skin_wound',
	'jaundice'
] as const;
export type Symptom = (typeof SYMPTOMS)[number];

/**
 * Rule 13: the diseases of 《有碍食品安全的疾病目录》 (国卫食品发〔2016〕31号) [R]. Not a setting: a
 * person with one is barred from food-contact posts until cleared to return. Hepatitis B and HIV are
 * not on the list.
 */
export const DISEASES = ['cholera', 'dysentery', 'typhoid', 'hepatitis_a_e', 'pulmonary_tuberculosis', 'exudative_skin_disease'] as const;
export type Disease = (typeof DISEASES)[number];

/** `exclude`: not allowed to handle food today (rule 8). `warn`: allowed, the warning stays visible. */
export type SymptomSeverity = 'exclude' | 'warn';

export interface MorningCheckSettings {
	/** Rule 9: a local (深圳) notice, not national text, hence configurable. */
	feverThresholdC: number;
	/** A reading outside this range is a measuring error, not a fever: refused (BLOCK). */
	plausibleTemperatureC: { min: number; max: number };
	/**
	 * Rule 8 names four exclusion symptoms [R]; vomiting comes only from local templates and jaundice
	 * was not found at all [NF], so by default they only warn.
	 */
	symptoms: Record<Symptom, SymptomSeverity | 'off'>;
	/** Rule 12: warn this many days before a health certificate expires. */
	certificateWarnDays: number;
}

export interface VideoSettings {
	/** Rule 34: at least 7 days nationally; provinces ask for 15 or 30. */
	retentionDays: number;
	/** Rule 35: a camera without a stream this long raises an alert. */
	offlineAlertMinutes: number;
	/**
	 * The canteen's uplink for forwarding cameras to the province, in kbps; 0: 0.5 Mbps for each of its
	 * cameras (中卫's budget, UPSTREAM_KBPS_PER_CAMERA).
	 */
	uplinkKbps: number;
}

export interface SampleSettings {
	/** Rule 1: at least this much of every dish is kept (GB 31654 / 操作规范: 125 g). */
	minWeightG: number;
	/** Rule 2: a sample may be discarded only after this many hours… */
	keepHours: number;
	/** …and one still held after this many hours is a warning (forgotten in the fridge). */
	warnAfterHours: number;
	/**
	 * Rule 5 [M]: every meal must be sampled in schools, kindergartens, elderly care, hospitals, central
	 * kitchens and group-meal delivery (and site canteens or events over 100 people: set per canteen);
	 * recommended elsewhere.
	 */
	required: boolean;
}

/** Rules 14–17 [M]: the disinfection methods of the 操作规范 appendix and their minimums. */
export interface DisinfectionSettings {
	boiling: { minTempC: number; minSeconds: number };
	infrared: { minTempC: number; minSeconds: number };
	dishwasher: { minTempC: number; minSeconds: number };
	/** Rule 18 [R, practice]: a solution older than `solutionMaxHours` when the soak starts warns. */
	chlorine: { minMgPerL: number; minSeconds: number; solutionMaxHours: number };
}

/** Rules 30–31 [R/M]: cooking core temperature and holding after cooking. */
export interface FoodTemperatureSettings {
	/** Core temperature of food cooked or reheated: at least this. */
	minCoreC: number;
	/** Food held longer than this after cooking needs a holding temperature… */
	holdAfterHours: number;
	/** …hot: above this; cold: below this. */
	hotAboveC: number;
	coldBelowC: number;
	/** A probe reading outside this range is a typing or probe error (BLOCK). */
	plausibleC: { min: number; max: number };
}

/** 聚餐登记 (seed 001): gatherings from `registerFrom` diners are registered; over `sampleAbove` sampled (rule 5). */
export interface GroupMealSettings {
	registerFrom: number;
	sampleAbove: number;
}

/** When each meal is over (canteen-local HH:MM): samples are due then, disinfection an hour later. */
export interface ScheduleSettings {
	meals: Partial<Record<'breakfast' | 'lunch' | 'dinner', string>>;
	disinfectionAfterMealMinutes: number;
	/** Rule 28: the day's kitchen waste is handed over by then (canteen-local HH:MM). */
	wasteBy: string;
	/** Self-inspections: the opening round by then, the closing round by then. */
	openingInspectionBy: string;
	closingInspectionBy: string;
}

/** Rules 6 and 29: the canteen's fridges and freezers, read twice a day by default. */
export interface ColdStorageSettings {
	units: { name: string; kind: 'refrigerator' | 'freezer' | 'sample_fridge' }[];
	readingsPerDay: number;
	/** Refrigeration (and the sample fridge): 0–8 °C. */
	chilledC: { min: number; max: number };
	/** Freezing: at or below −12 °C (some provinces ask −18 °C). */
	frozenMaxC: number;
}

/** Rules 19–22: warn about goods expiring within this many days of arrival, and supplier licences. */
export interface PurchaseSettings {
	expiryWarnDays: number;
	supplierWarnDays: number;
}

/** Rules 23–25 (五专): the person responsible for additives; none named is a warning. */
export interface AdditiveSettings {
	keeper: string;
}

/** Rule 33: whether a leader must eat with the students at each meal (schools, kindergartens). */
export interface AccompaniedMealSettings {
	required: boolean;
}

/** Rule 27: warn this many days before a waste collector's licence or contract ends. */
export interface WasteSettings {
	documentWarnDays: number;
}

/** 补录: when an entry counts as late, and how far a tablet's clock may drift (issue 3). */
export interface LateEntrySettings {
	afterMinutes: number;
	clockSkewMinutes: number;
}

export interface KioskSettings {
	/** After this long without a touch, the today screen goes back to choosing who is entering records. */
	idleLockMinutes: number;
}

export interface CanteenSettings {
	morningCheck: MorningCheckSettings;
	video: VideoSettings;
	kiosk: KioskSettings;
	samples: SampleSettings;
	disinfection: DisinfectionSettings;
	foodTemperature: FoodTemperatureSettings;
	groupMeals: GroupMealSettings;
	schedule: ScheduleSettings;
	coldStorage: ColdStorageSettings;
	lateEntry: LateEntrySettings;
	waste: WasteSettings;
	additives: AdditiveSettings;
	purchase: PurchaseSettings;
	accompaniedMeals: AccompaniedMealSettings;
	/** China has no daylight saving, so a fixed offset gives the canteen's calendar day everywhere. */
	utcOffsetMinutes: number;
}

export const DEFAULT_SETTINGS: CanteenSettings = {
	morningCheck: {
		feverThresholdC: 37.3,
		plausibleTemperatureC: { min: 34, max: 42.5 },
		symptoms: {
			fever: 'exclude',
			diarrhoea: 'exclude',
			throat_inflammation: 'exclude',
			skin_wound: 'exclude',
			vomiting: 'warn',
			jaundice: 'warn'
		},
		certificateWarnDays: 30
	},
	video: { retentionDays: 7, offlineAlertMinutes: 5, uplinkKbps: 0 },
	kiosk: { idleLockMinutes: 5 },
	samples: { minWeightG: 125, keepHours: 48, warnAfterHours: 72, required: true },
	coldStorage: {
		units: [
			{ name: '冷藏柜', kind: 'refrigerator' },
			{ name: '冷冻柜', kind: 'freezer' },
			{ name: '留样柜', kind: 'sample_fridge' }
		],
		readingsPerDay: 2,
		chilledC: { min: 0, max: 8 },
		frozenMaxC: -12
	},
	lateEntry: { afterMinutes: 120, clockSkewMinutes: 5 },
	waste: { documentWarnDays: 30 },
	additives: { keeper: '' },
	purchase: { expiryWarnDays: 3, supplierWarnDays: 30 },
	accompaniedMeals: { required: false },
	schedule: { meals: { breakfast: '08:30', lunch: '13:00', dinner: '18:30' }, disinfectionAfterMealMinutes: 60, wasteBy: '20:00', openingInspectionBy: '10:00', closingInspectionBy: '21:00' },
	disinfection: {
		boiling: { minTempC: 100, minSeconds: 600 },
		infrared: { minTempC: 120, minSeconds: 600 },
		dishwasher: { minTempC: 85, minSeconds: 40 },
		chlorine: { minMgPerL: 250, minSeconds: 300, solutionMaxHours: 4 }
	},
	groupMeals: { registerFrom: 50, sampleAbove: 100 },
	foodTemperature: { minCoreC: 70, holdAfterHours: 2, hotAboveC: 60, coldBelowC: 8, plausibleC: { min: -30, max: 130 } },
	utcOffsetMinutes: 480
};

/** Rule 34 says at least 7 days; a lower setting is raised to 7 (and the dashboard warns). */
export function videoRetentionDays(settings: CanteenSettings): number {
	return Math.max(7, Math.round(settings.video.retentionDays));
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };
export type SettingsOverrides = DeepPartial<CanteenSettings>;

/** What differs by canteen type; a province's rule has its home here too. */
export const CANTEEN_TYPE_SETTINGS: Record<CanteenType, SettingsOverrides> = {
	// 学校食品安全与营养健康管理规定: a school leader eats with the students at every meal.
	school: { accompaniedMeals: { required: true } },
	kindergarten: { accompaniedMeals: { required: true } },
	elderly_care: {},
	hospital: {},
	central_kitchen: {},
	group_meal: {},
	restaurant: { samples: { required: false } }
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function merge<T>(base: T, override: unknown): T {
	if (!isPlainObject(override) || !isPlainObject(base)) return base;
	const result: Record<string, unknown> = { ...base };
	for (const [key, value] of Object.entries(override)) {
		if (!(key in result) || value === undefined || value === null) continue;
		result[key] = isPlainObject(result[key]) ? merge(result[key], value) : value;
	}
	return result as T;
}

/** Unknown keys in a canteen's stored settings are ignored rather than trusted. */
export function resolveSettings({
	type,
	overrides
}: {
	type: CanteenType | string;
	overrides?: unknown;
}): CanteenSettings {
	const byType = CANTEEN_TYPE_SETTINGS[type as CanteenType] ?? {};
	return merge(merge(DEFAULT_SETTINGS, byType), overrides);
}
