// How each ledger reads for the people who review it: the columns after the time, who made the record,
// and when it happened. One definition for the day's tables, the ledger browser and the exports, so
// that an XLSX says exactly what the page says.
import type {
	AccompaniedMealRecord,
	AdditiveUseRecord,
	ColdReadingRecord,
	DisinfectionRecord,
	FoodSampleRecord,
	FoodTemperatureRecord,
	MealClosureRecord,
	MorningCheckRecord,
	PurchaseRecord,
	SelfInspectionRecord,
	WasteHandoverRecord
} from '$lib/db/schema';
import { clockTime } from '$lib/format';

/** Values a message may be filled with (svelte-i18n's InterpolationValues, less its element functions). */
type Values = Record<string, string | number | boolean | Date | null | undefined>;

/** svelte-i18n's formatter, passed in so that this stays plain TypeScript (usable outside components). */
export type Translate = (id: string, options?: { values?: Values }) => string;

export interface LedgerColumn<R> {
	/** i18n key of the header. */
	label: string;
	cell: (record: R) => string;
}

export interface LedgerView<R> {
	/** i18n key of the ledger's name. */
	title: string;
	eventTime: (record: R) => string;
	columns: LedgerColumn<R>[];
	/** The person who made or signed the record, for the browser's filter. */
	personField: string;
}

type Findings = { findings: { code: string; params?: Values }[] };

function findingsText(t: Translate, record: Findings & { reason?: string; accepted_by?: string }) {
	return [...(record.findings ?? []).map((f) => t(`finding.${f.code}`, { values: f.params })), record.reason ? `${record.reason}（${record.accepted_by}）` : ''].filter(Boolean).join('；');
}

export function ledgerViews(t: Translate) {
	return {
		morning_checks: {
			title: 'oversight.ledger.morning_checks',
			eventTime: (check) => check.checked_at,
			personField: 'staff_name',
			columns: [
				{ label: 'admin.staff', cell: (check) => check.staff_name },
				{ label: 'admin.temperature', cell: (check) => `${check.temperature} ℃` },
				{ label: 'admin.outcome', cell: (check) => t(`outcome.${check.outcome}`) },
				{ label: 'admin.reasons', cell: (check) => findingsText(t, check) },
				{ label: 'admin.checker', cell: (check) => check.checked_by }
			]
		} satisfies LedgerView<MorningCheckRecord>,
		food_samples: {
			title: 'oversight.ledger.food_samples',
			eventTime: (sample) => sample.taken_at,
			personField: 'taken_by',
			columns: [
				{ label: 'samples.meal', cell: (sample) => t(`samples.meal_${sample.meal}`) },
				{ label: 'samples.dish', cell: (sample) => sample.dish },
				{ label: 'samples.weight', cell: (sample) => `${sample.weight_g} g` },
				{ label: 'samples.taken_by', cell: (sample) => sample.taken_by },
				{ label: 'samples.fridge', cell: (sample) => sample.fridge }
			]
		} satisfies LedgerView<FoodSampleRecord>,
		meal_closures: {
			title: 'oversight.ledger.meal_closures',
			eventTime: (closure) => closure.closed_at,
			personField: 'closed_by',
			columns: [
				{ label: 'samples.meal', cell: (closure) => t(`samples.meal_${closure.meal}`) },
				{ label: 'samples.close_dishes', cell: (closure) => closure.dishes.join('、') },
				{
					label: 'samples.close_reason',
					cell: (closure) => closure.findings.map((f) => `${t(`finding.${f.code}`, { values: f.params })}：${closure.reason}（${closure.accepted_by}）`).join('；')
				},
				{ label: 'admin.checker', cell: (closure) => closure.closed_by }
			]
		} satisfies LedgerView<MealClosureRecord>,
		disinfections: {
			title: 'oversight.ledger.disinfections',
			eventTime: (run) => run.started_at,
			personField: 'operator',
			columns: [
				{ label: 'disinfection.method', cell: (run) => t(`disinfection.method_${run.method}`) },
				{ label: 'disinfection.items', cell: (run) => `${run.items}${run.quantity ? ` × ${run.quantity}` : ''}` },
				{ label: 'disinfection.operator', cell: (run) => run.operator },
				// Rules 17–18: for a chlorine soak, when its solution was made and whether it was rinsed.
				{
					label: 'disinfection.chlorine_steps',
					cell: (run) =>
						run.method === 'chlorine'
							? `${t('disinfection.solution_made_at')} ${run.solution_made_at ? clockTime(run.solution_made_at) : '—'} · ${t(run.rinsed_at ? 'disinfection.rinsed_short' : 'disinfection.not_rinsed_short')}`
							: ''
				},
				{ label: 'disinfection.reason', cell: (run) => findingsText(t, run) }
			]
		} satisfies LedgerView<DisinfectionRecord>,
		cold_readings: {
			title: 'oversight.ledger.cold_readings',
			eventTime: (reading) => reading.read_at,
			personField: 'read_by',
			columns: [
				{ label: 'cold.unit', cell: (reading) => reading.unit },
				{ label: 'cold.temperature', cell: (reading) => `${reading.temperature_c} ℃` },
				{ label: 'cold.read_by', cell: (reading) => reading.read_by },
				{ label: 'cold.reason', cell: (reading) => findingsText(t, reading) }
			]
		} satisfies LedgerView<ColdReadingRecord>,
		waste_handovers: {
			title: 'oversight.ledger.waste_handovers',
			eventTime: (handover) => handover.handed_at,
			personField: 'handed_by',
			columns: [
				{ label: 'waste.type', cell: (handover) => t(`waste.type_${handover.waste_type}`) },
				{ label: 'waste.weight', cell: (handover) => `${handover.weight_kg} kg` },
				{
					label: 'waste.collector',
					cell: (handover) =>
						[`${handover.collector_snapshot?.name} · ${handover.collector_snapshot?.licence_number}`, ...(handover.findings ?? []).map((f) => t(`finding.${f.code}`, { values: f.params }))].join('；')
				},
				{ label: 'waste.destination', cell: (handover) => handover.destination },
				{ label: 'waste.receiver', cell: (handover) => `${handover.receiver}（${handover.handed_by}）` }
			]
		} satisfies LedgerView<WasteHandoverRecord>,
		additive_uses: {
			title: 'oversight.ledger.additive_uses',
			eventTime: (use) => use.used_at,
			personField: 'used_by',
			columns: [
				{ label: 'additives.additive', cell: (use) => use.additive },
				{ label: 'additives.batch', cell: (use) => use.batch },
				{ label: 'additives.food', cell: (use) => use.food },
				{ label: 'additives.amount', cell: (use) => `${use.amount} ${t(`additives.unit_${use.unit}`)}` },
				{ label: 'additives.used_by', cell: (use) => use.used_by }
			]
		} satisfies LedgerView<AdditiveUseRecord>,
		self_inspections: {
			title: 'oversight.ledger.self_inspections',
			eventTime: (round) => round.inspected_at,
			personField: 'inspected_by',
			columns: [
				{ label: 'inspection.name', cell: (round) => round.template },
				{ label: 'admin.checker', cell: (round) => round.inspected_by },
				{
					label: 'inspection.failed_items',
					cell: (round) =>
						round.results
							.filter((r) => !r.ok)
							.map((r) => `✘ ${r.item}：${r.action}（${r.action_by}）`)
							.join('；')
				}
			]
		} satisfies LedgerView<SelfInspectionRecord>,
		accompanied_meals: {
			title: 'oversight.ledger.accompanied_meals',
			eventTime: (meal) => meal.eaten_at,
			personField: 'companion',
			columns: [
				{ label: 'samples.meal', cell: (meal) => t(`samples.meal_${meal.meal}`) },
				{ label: 'meals.companion', cell: (meal) => `${meal.companion}${meal.companion_role ? `（${meal.companion_role}）` : ''}` },
				{ label: 'meals.remarks', cell: (meal) => meal.remarks }
			]
		} satisfies LedgerView<AccompaniedMealRecord>,
		purchases: {
			title: 'oversight.ledger.purchases',
			eventTime: (purchase) => purchase.delivered_at,
			personField: 'received_by',
			columns: [
				{ label: 'purchase.supplier', cell: (purchase) => purchase.supplier_snapshot?.name ?? '' },
				{ label: 'purchase.lines', cell: (purchase) => purchase.lines.map((line) => `${line.name} ${line.spec} ${line.quantity}${line.unit}`).join('；') },
				{ label: 'purchase.documents', cell: (purchase) => purchase.documents.map((d) => `${t(`purchase.document_${d.kind}`)} ${d.number || t('purchase.in_photo')}`).join('；') },
				{ label: 'purchase.retain_until', cell: (purchase) => purchase.retain_until },
				{ label: 'purchase.findings', cell: (purchase) => purchase.findings.map((f) => t(`finding.${f.code}`, { values: f.params })).join('；') }
			]
		} satisfies LedgerView<PurchaseRecord>,
		food_temperatures: {
			title: 'oversight.ledger.food_temperatures',
			eventTime: (reading) => reading.measured_at,
			personField: 'measured_by',
			columns: [
				{ label: 'temperatures.dish', cell: (reading) => `${reading.dish}（${t(`samples.meal_${reading.meal}`)}）` },
				{ label: 'temperatures.kind', cell: (reading) => t(`temperatures.kind_${reading.kind}`) },
				{ label: 'temperatures.temperature', cell: (reading) => `${reading.temperature_c} ℃` },
				{ label: 'temperatures.cooked_at', cell: (reading) => (reading.cooked_at ? clockTime(reading.cooked_at) : '') },
				{ label: 'disinfection.operator', cell: (reading) => reading.measured_by },
				{ label: 'temperatures.reason', cell: (reading) => findingsText(t, reading) }
			]
		} satisfies LedgerView<FoodTemperatureRecord>
	};
}

export type LedgerViews = ReturnType<typeof ledgerViews>;
export type BrowsableLedger = keyof LedgerViews;
export const BROWSABLE_LEDGERS = Object.keys(ledgerViews(((id: string) => id) as Translate)) as BrowsableLedger[];
