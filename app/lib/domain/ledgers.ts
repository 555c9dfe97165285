// One definition per ledger (issue 15): its fields in chain order, when the thing happened, whether it
// can be voided, what the server decides, how far back a tablet pulls it, and the one judgement that the
// kiosk (offline, before saving) and the server (on arrival, lib/sync.js) both run on the same input.
// Everything else that used to list ledgers by hand (the chain text, 补录, voids, the outbox, the pull)
// reads it from here.
import type { ErrorCode } from './error-codes';
import { validateAccompaniedMeal, type AccompaniedMealError, type AccompaniedMealInput } from './accompanied-meal';
import { assessAdditiveUse, validateAdditiveUse, type AdditiveError, type AdditiveUseInput, type RegisteredAdditive } from './additive';
import { assessColdReading, validateColdReading, type ColdError, type ColdReadingInput } from './cold-storage';
import { localDateOf, type LocalDate } from './dates';
import { assessDisinfection, validateDisinfection, type DisinfectionError, type DisinfectionInput } from './disinfection';
import { assessMealClosure, validateDisposal, validateFoodSample, validateMealClosure, type FoodSampleInput, type MealClosureInput, type SampleFieldError } from './food-sample';
import { assessMorningCheck, checkDate, validateMorningCheck, type FieldError, type MorningCheckInput, type StaffForCheck } from './morning-check';
import { assessPurchase, retentionUntil, validatePurchase, type PurchaseError, type PurchaseInput, type Supplier } from './purchase';
import { assessFoodTemperature, validateFoodTemperature, type FoodTemperatureError, type FoodTemperatureInput } from './food-temperature';
import { validateReturnClearance, type ReturnClearanceError, type ReturnClearanceInput } from './return-clearance';
import { assessSelfInspection, validateSelfInspection, type InspectionError, type SelfInspectionInput } from './self-inspection';
import type { CanteenSettings } from './settings';
import type { VoidError, VoidInput } from './void';
import { assessWasteHandover, validateWasteHandover, type WasteCollector, type WasteError, type WasteHandoverInput } from './waste';

/**
 * How a field travels: the kiosk sends JSON, PocketBase stores its own types; both sides read a record's
 * input through `inputOf`, so "a number or nothing" or "an instant" means one thing everywhere.
 */
export type FieldKind = 'text' | 'number' | 'instant' | 'list' | 'bool';

/**
 * A field in chain order: its name, its kind, and 'later' when it was added after records of the ledger
 * were first chained and sealed (left out of the chain text and the seal while empty, so they hold).
 */
export type LedgerField<Name extends string = string> = readonly [Name, FieldKind] | readonly [Name, FieldKind, 'later'];

/** A refusal (BLOCK) of one field, with the message code and its parameters (messages.*.ts). */
export interface LedgerError {
	field: string;
	code: ErrorCode;
	params?: Record<string, string | number>;
}

/** What the judgement concluded: refusals, or the values the rules derive (findings, the day filed under…). */
export interface Judgement<E extends LedgerError = LedgerError> {
	errors: E[];
	derived: Record<string, unknown>;
}

/** What besides the record the rules read: the canteen's rules, evidence, and referenced records. */
export interface JudgeContext<Refs> {
	settings: CanteenSettings;
	/** An evidence photo or signature comes with the record (its digest is chained). */
	photo: boolean;
	/** Referenced records in the rule book's shape, looked up by each side (Dexie / the database). */
	refs: Refs;
}

export interface LedgerDefinition<Input extends object = Record<string, unknown>, Refs = unknown, E extends LedgerError = LedgerError> {
	name: string;
	/** What the kiosk sends, in the order the chain text lists it (never reorder: old hashes hold). */
	fields: readonly LedgerField<keyof Input & string>[];
	/** Whether the record carries an evidence photo's digest (chained, after the fields). */
	photo: boolean;
	/** When the thing itself happened (补录 is measured from it). */
	eventField: keyof Input & string;
	voidable: boolean;
	/** What the server decides and the tablet keeps from its answer (besides 补录 marks). */
	serverSets: readonly string[];
	/** What a tablet pulls of other tablets' records: by which field, from how many days back. */
	pull: { field: string; days: number };
	judge(input: Input, context: JudgeContext<Refs>): Judgement<E>;
}

function defineLedger<Input extends object, Refs = Record<string, never>, E extends LedgerError = LedgerError>(definition: LedgerDefinition<Input, Refs, E>) {
	return definition;
}

/** Filed under the canteen's day of the event. */
const dayOf = (at: string, settings: CanteenSettings): LocalDate => localDateOf(at, settings.utcOffsetMinutes);

/** Either the refusals, or what the rules derive (computed only for a record that may be stored). */
function judged<E extends LedgerError>(errors: E[], derive: () => Record<string, unknown>): Judgement<E> {
	return errors.length > 0 ? { errors, derived: {} } : { errors: [], derived: derive() };
}

const morningChecks = defineLedger<MorningCheckInput, { staff: StaffForCheck | null }, FieldError>({
	name: 'morning_checks',
	fields: [
		['staff', 'text'],
		['checked_at', 'instant'],
		['temperature', 'number'],
		['symptoms', 'list'],
		['hands_ok', 'bool'],
		['attire_ok', 'bool'],
		['jewellery_nails_ok', 'bool'],
		['correction', 'text'],
		['checked_by', 'text']
	],
	photo: true,
	eventField: 'checked_at',
	voidable: true,
	serverSets: ['outcome', 'findings', 'symptoms', 'staff_name', 'date'],
	pull: { field: 'date', days: 0 },
	judge(input, { settings, refs }) {
		const errors = validateMorningCheck({ input, settings });
		if (input.staff && !refs.staff) errors.push({ field: 'staff', code: 'staff_not_found' });
		return judged(errors, () => {
			// Never trust the kiosk's verdict: the assessment is recomputed from what was observed.
			const assessment = assessMorningCheck({ input, staff: refs.staff!, settings });
			return { ...assessment, staff_name: refs.staff!.name, date: checkDate(input, settings) };
		});
	}
});

const foodSamples = defineLedger<FoodSampleInput, Record<string, never>, SampleFieldError>({
	name: 'food_samples',
	fields: [
		['meal', 'text'],
		['dish', 'text'],
		['weight_g', 'number'],
		['taken_at', 'instant'],
		['taken_by', 'text'],
		['fridge', 'text']
	],
	photo: true,
	eventField: 'taken_at',
	voidable: true,
	serverSets: ['date'],
	// Samples stay in the fridge for two to three days: what may be thrown away, and what was.
	pull: { field: 'date', days: 3 },
	judge(input, { settings }) {
		return judged(validateFoodSample({ input, settings }), () => ({ date: dayOf(input.taken_at, settings) }));
	}
});

export interface SampleDisposalInput {
	sample: string;
	disposed_at: string;
	disposed_by: string;
}

const sampleDisposals = defineLedger<SampleDisposalInput, { sample: { taken_at: string } | null }, SampleFieldError>({
	name: 'sample_disposals',
	fields: [
		['sample', 'text'],
		['disposed_at', 'instant'],
		['disposed_by', 'text']
	],
	photo: false,
	eventField: 'disposed_at',
	// A disposal is undone by nothing: the sample is gone.
	voidable: false,
	serverSets: [],
	pull: { field: 'disposed_at', days: 3 },
	judge(input, { settings, refs }) {
		if (!refs.sample) return { errors: [{ field: 'sample' as const, code: 'sample_not_found' }], derived: {} };
		const errors = validateDisposal({ sample: refs.sample, disposedAt: input.disposed_at, settings });
		if (!input.disposed_by.trim()) errors.push({ field: 'disposed_by', code: 'required' });
		return judged(errors, () => ({}));
	}
});

const disinfections = defineLedger<DisinfectionInput, Record<string, never>, DisinfectionError>({
	name: 'disinfections',
	fields: [
		['method', 'text'],
		['items', 'text'],
		['quantity', 'number'],
		['temperature_c', 'number'],
		['concentration_mg_l', 'number'],
		['started_at', 'instant'],
		['ended_at', 'instant'],
		['operator', 'text'],
		['reason', 'text'],
		['accepted_by', 'text'],
		['rinsed_at', 'instant', 'later'],
		['solution_made_at', 'instant', 'later']
	],
	photo: false,
	// A run is written down when it ends, and filed under the day it started.
	eventField: 'ended_at',
	voidable: true,
	serverSets: ['findings', 'date'],
	pull: { field: 'date', days: 0 },
	judge(input, { settings }) {
		return judged(validateDisinfection({ input, settings }), () => ({
			findings: assessDisinfection({ input, settings }),
			date: dayOf(input.started_at, settings)
		}));
	}
});

const voids = defineLedger<VoidInput, Record<string, never>, VoidError>({
	name: 'voids',
	fields: [
		['ledger', 'text'],
		['record_id', 'text'],
		['reason', 'text'],
		['voided_by', 'text'],
		['voided_at', 'instant']
	],
	photo: false,
	eventField: 'voided_at',
	voidable: false,
	serverSets: [],
	pull: { field: 'voided_at', days: 3 },
	judge(input) {
		const errors: VoidError[] = [];
		if (!ledgerDefinition(input.ledger)?.voidable) errors.push({ field: 'ledger', code: 'required' });
		if (!/^[a-z0-9]{15}$/.test(input.record_id)) errors.push({ field: 'record_id', code: 'required' });
		if (!input.reason.trim()) errors.push({ field: 'reason', code: 'void_reason_required' });
		if (!input.voided_by.trim()) errors.push({ field: 'voided_by', code: 'required' });
		if (!input.voided_at) errors.push({ field: 'voided_at', code: 'required' });
		return judged(errors, () => ({}));
	}
});

const coldReadings = defineLedger<ColdReadingInput, Record<string, never>, ColdError>({
	name: 'cold_readings',
	fields: [
		['unit', 'text'],
		['kind', 'text'],
		['temperature_c', 'number'],
		['read_at', 'instant'],
		['read_by', 'text'],
		['reason', 'text'],
		['accepted_by', 'text']
	],
	photo: false,
	eventField: 'read_at',
	voidable: true,
	serverSets: ['findings', 'date'],
	pull: { field: 'date', days: 0 },
	judge(input, { settings }) {
		return judged(validateColdReading({ input, settings }), () => ({
			findings: assessColdReading({ input, settings }),
			date: dayOf(input.read_at, settings)
		}));
	}
});

const wasteHandovers = defineLedger<WasteHandoverInput, { collector: WasteCollector | null }, WasteError>({
	name: 'waste_handovers',
	fields: [
		['waste_type', 'text'],
		['weight_kg', 'number'],
		['collector', 'text'],
		['destination', 'text'],
		['handed_at', 'instant'],
		['handed_by', 'text'],
		['receiver', 'text']
	],
	// The receiver's signature, drawn on the tablet.
	photo: true,
	eventField: 'handed_at',
	voidable: true,
	serverSets: ['findings', 'date', 'collector_snapshot'],
	pull: { field: 'date', days: 0 },
	judge(input, { settings, refs, photo }) {
		const collector = refs.collector ?? undefined;
		// The documents must be in date on the day of the hand-over, not the day it reached the server.
		const day = dayOf(input.handed_at || new Date().toISOString(), settings);
		return judged(validateWasteHandover({ input, collector, signed: photo, today: day, settings }), () => ({
			findings: collector ? assessWasteHandover({ collector, today: day, settings }) : [],
			collector_snapshot: collector ?? {},
			date: day
		}));
	}
});

const additiveUses = defineLedger<AdditiveUseInput, { register: RegisteredAdditive[] }, AdditiveError>({
	name: 'additive_uses',
	fields: [
		['additive', 'text'],
		['batch', 'text'],
		['food', 'text'],
		['amount', 'number'],
		['unit', 'text'],
		['used_at', 'instant'],
		['used_by', 'text']
	],
	photo: false,
	eventField: 'used_at',
	voidable: true,
	serverSets: ['findings', 'date'],
	pull: { field: 'date', days: 0 },
	judge(input, { settings, refs }) {
		return judged(validateAdditiveUse({ input, settings, register: refs.register }), () => ({ findings: assessAdditiveUse({ settings }), date: dayOf(input.used_at, settings) }));
	}
});

const accompaniedMeals = defineLedger<AccompaniedMealInput, Record<string, never>, AccompaniedMealError>({
	name: 'accompanied_meals',
	fields: [
		['meal', 'text'],
		['companion', 'text'],
		['companion_role', 'text'],
		['eaten_at', 'instant'],
		['remarks', 'text'],
		['recorded_by', 'text']
	],
	photo: false,
	eventField: 'eaten_at',
	voidable: true,
	serverSets: ['date'],
	pull: { field: 'date', days: 0 },
	judge(input, { settings }) {
		return judged(validateAccompaniedMeal({ input, settings }), () => ({ date: dayOf(input.eaten_at, settings) }));
	}
});

const selfInspections = defineLedger<SelfInspectionInput, Record<string, never>, InspectionError>({
	name: 'self_inspections',
	fields: [
		['template', 'text'],
		['kind', 'text'],
		['results', 'list'],
		['inspected_at', 'instant'],
		['inspected_by', 'text']
	],
	photo: true,
	eventField: 'inspected_at',
	voidable: true,
	serverSets: ['findings', 'date'],
	// Weekly and monthly rounds count for their whole week or month.
	pull: { field: 'date', days: 31 },
	judge(input, { settings }) {
		return judged(validateSelfInspection({ input }), () => ({ findings: assessSelfInspection({ input }), date: dayOf(input.inspected_at, settings) }));
	}
});

const mealClosures = defineLedger<MealClosureInput, { sampled: string[] }, SampleFieldError>({
	name: 'meal_closures',
	fields: [
		['meal', 'text'],
		['date', 'text'],
		['dishes', 'list'],
		['closed_at', 'instant'],
		['closed_by', 'text'],
		['reason', 'text'],
		['accepted_by', 'text']
	],
	photo: false,
	eventField: 'closed_at',
	voidable: false,
	serverSets: ['findings'],
	pull: { field: 'date', days: 0 },
	// The closure names its own day (the meal's), whenever it was closed.
	judge(input, { refs }) {
		const sampled = refs.sampled;
		return judged(validateMealClosure({ input, sampled }), () => ({ findings: assessMealClosure({ input, sampled }) }));
	}
});

const purchases = defineLedger<PurchaseInput, { supplier: Supplier | null }, PurchaseError>({
	name: 'purchases',
	fields: [
		['supplier', 'text'],
		['delivered_at', 'instant'],
		['received_by', 'text'],
		['lines', 'list'],
		['documents', 'list']
	],
	// The delivery note or e-ticket as photographed at the door.
	photo: true,
	eventField: 'delivered_at',
	voidable: true,
	serverSets: ['findings', 'date', 'supplier_snapshot', 'retain_until'],
	pull: { field: 'date', days: 0 },
	judge(input, { settings, refs }) {
		const supplier = refs.supplier ?? undefined;
		// Rule 19: who received it and when are part of the record.
		if (!input.delivered_at) return { errors: [{ field: 'delivered_at', code: 'required' }], derived: {} };
		const errors: PurchaseError[] = [];
		if (!input.received_by.trim()) errors.push({ field: 'received_by', code: 'required' });
		const receivedOn = dayOf(input.delivered_at, settings);
		const checked = { supplier, lines: input.lines, documents: input.documents, receivedOn, warnDays: settings.purchase.supplierWarnDays };
		errors.push(...validatePurchase(checked));
		return judged(errors, () => ({
			findings: supplier ? assessPurchase({ ...checked, supplier, expiryWarnDays: settings.purchase.expiryWarnDays }) : [],
			supplier_snapshot: supplier ?? {},
			retain_until: retentionUntil({ lines: input.lines, receivedOn }),
			date: receivedOn
		}));
	}
});

const returnClearances = defineLedger<ReturnClearanceInput, { staff: StaffForCheck | null }, ReturnClearanceError>({
	name: 'return_clearances',
	fields: [
		['staff', 'text'],
		['cleared_at', 'instant'],
		['cleared_by', 'text'],
		['basis', 'text']
	],
	// A photo of the doctor's note or test result, when there is one.
	photo: true,
	eventField: 'cleared_at',
	voidable: false,
	serverSets: ['staff_name', 'date'],
	pull: { field: 'date', days: 0 },
	judge(input, { settings, refs }) {
		return judged(validateReturnClearance({ input, staff: refs.staff }), () => ({ staff_name: refs.staff!.name, date: dayOf(input.cleared_at, settings) }));
	}
});

/** Whether `field` of `ledger` was added after its first records were chained (LedgerField). */
export function addedLaterField(ledger: string, field: string): boolean {
	return Boolean(ledgerDefinition(ledger)?.fields.some((entry) => entry[0] === field && entry[2] === 'later'));
}

const foodTemperatures = defineLedger<FoodTemperatureInput, Record<string, never>, FoodTemperatureError>({
	name: 'food_temperatures',
	fields: [
		['dish', 'text'],
		['meal', 'text'],
		['kind', 'text'],
		['temperature_c', 'number'],
		['measured_at', 'instant'],
		['cooked_at', 'instant'],
		['measured_by', 'text'],
		['reason', 'text'],
		['accepted_by', 'text']
	],
	photo: false,
	eventField: 'measured_at',
	voidable: true,
	serverSets: ['findings', 'date'],
	pull: { field: 'date', days: 0 },
	judge(input, { settings }) {
		return judged(validateFoodTemperature({ input, settings }), () => ({
			findings: assessFoodTemperature({ input, settings }),
			date: dayOf(input.measured_at, settings)
		}));
	}
});

/** Every ledger the kiosks keep and upload (/api/mingchu/sync/{ledger}); a new ledger is added here. */
export const LEDGER_DEFINITIONS = {
	morning_checks: morningChecks,
	food_samples: foodSamples,
	sample_disposals: sampleDisposals,
	disinfections,
	voids,
	cold_readings: coldReadings,
	waste_handovers: wasteHandovers,
	additive_uses: additiveUses,
	accompanied_meals: accompaniedMeals,
	self_inspections: selfInspections,
	meal_closures: mealClosures,
	purchases,
	return_clearances: returnClearances,
	food_temperatures: foodTemperatures
};

export type ChainedCollection = keyof typeof LEDGER_DEFINITIONS;
export const CHAINED_COLLECTIONS = Object.keys(LEDGER_DEFINITIONS) as ChainedCollection[];

type JudgeOf<L extends ChainedCollection> = (typeof LEDGER_DEFINITIONS)[L]['judge'];
export type InputOf<L extends ChainedCollection> = Parameters<JudgeOf<L>>[0];
export type RefsOf<L extends ChainedCollection> = Parameters<JudgeOf<L>>[1]['refs'];
/** The refusals of `L`'s records, typed by field so that a form can show each beside its field. */
export type ErrorOf<L extends ChainedCollection> = ReturnType<JudgeOf<L>>['errors'][number];

/** The definition of `ledger`, loosely typed, for code that handles every ledger alike (sync, chain). */
export function ledgerDefinition(ledger: string): LedgerDefinition<Record<string, unknown>, Record<string, unknown>> | undefined {
	return Object.prototype.hasOwnProperty.call(LEDGER_DEFINITIONS, ledger)
		? (LEDGER_DEFINITIONS[ledger as ChainedCollection] as unknown as LedgerDefinition<Record<string, unknown>, Record<string, unknown>>)
		: undefined;
}

function readField(kind: FieldKind, value: unknown): unknown {
	switch (kind) {
		case 'text':
			return typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);
		case 'number':
			// Absent, empty or not a number is "not measured"; the rules say whether that is allowed.
			return typeof value === 'number' && Number.isFinite(value) ? value : null;
		case 'instant': {
			const time = typeof value === 'string' ? Date.parse(value.replace(' ', 'T')) : NaN;
			return Number.isNaN(time) ? '' : new Date(time).toISOString();
		}
		case 'list':
			return Array.isArray(value) ? value : [];
		case 'bool':
			return value === true;
	}
}

/** A record's input as the rules read it, from what a kiosk sent or saved (JSON). */
export function inputOf<L extends ChainedCollection>(ledger: L, fields: object): InputOf<L> {
	const definition = ledgerDefinition(ledger)!;
	const sent = fields as Record<string, unknown>;
	return Object.fromEntries(definition.fields.map(([field, kind]) => [field, readField(kind, sent[field])])) as unknown as InputOf<L>;
}

/** The judgement of a record of `ledger`, as the kiosk and the server both make it. */
export function judgeRecord<L extends ChainedCollection>(ledger: L, fields: object, context: JudgeContext<RefsOf<L>>): Judgement<ErrorOf<L>> {
	const definition = ledgerDefinition(ledger)!;
	return <Judgement<ErrorOf<L>>>definition.judge(inputOf(ledger, fields) as unknown as Record<string, unknown>, context as JudgeContext<Record<string, unknown>>);
}
