// The oversight grid: which ledgers a canteen owes each day, and how a canteen × ledger cell reads.
// Pure: /api/mingchu/oversight/grid counts with it, the pages colour with it.
import type { CanteenSettings } from './settings';

export const GRID_LEDGERS = ['morning_checks', 'food_samples', 'disinfections', 'cold_readings', 'waste_handovers', 'accompanied_meals', 'self_inspections', 'purchases'] as const;
export type GridLedger = (typeof GRID_LEDGERS)[number];

/** The ledgers due every working day under the canteen's rules; purchases are kept when goods arrive. */
export function requiredLedgers(settings: CanteenSettings): GridLedger[] {
	return GRID_LEDGERS.filter((ledger) => {
		if (ledger === 'purchases') return false;
		if (ledger === 'food_samples') return settings.samples.required;
		if (ledger === 'accompanied_meals') return settings.accompaniedMeals.required;
		return true;
	});
}

export type CellState = 'done' | 'late' | 'gaps' | 'missing' | 'pending' | 'not_required';

/**
 * One canteen × ledger over the chosen days: `done` days with an entry made in time, `late` days kept
 * only by 补录, `missing` past days with nothing. A day not yet over is pending, not missing.
 */
export interface LedgerCell {
	required: boolean;
	records: number;
	done: number;
	late: number;
	missing: number;
	pending: number;
}

/** Over a range, a few missing days (at most one in ten) read as gaps, not as a ledger not kept. */
export const GAPS_AT_MOST = 0.1;

export function cellState(cell: LedgerCell): CellState {
	if (!cell.required) return cell.records > 0 ? 'done' : 'not_required';
	if (cell.missing > 0) return cell.missing / (cell.done + cell.late + cell.missing) > GAPS_AT_MOST ? 'missing' : 'gaps';
	if (cell.late > 0) return 'late';
	if (cell.done > 0) return 'done';
	return 'pending';
}

/** Completeness as the share of owed ledger-days that were kept (in time or by 补录). */
export function completeness(cells: LedgerCell[]): number | null {
	let owed = 0;
	let kept = 0;
	for (const cell of cells) {
		if (!cell.required) continue;
		owed += cell.done + cell.late + cell.missing;
		kept += cell.done + cell.late;
	}
	return owed === 0 ? null : kept / owed;
}

/**
 * What a kept record adds to its day beyond being counted: made late (补录), a person kept off work, a
 * finding (cold out of range, disinfection short), a REASON override. The county's day summary
 * (pb_hooks/lib/ledger-days.js) and the province warehouse (server/province) both count with this.
 */
export const DAY_SUMMARY_MARKS: Record<string, { excluded?: true; flagged?: true; overridden?: true }> = {
	morning_checks: { excluded: true },
	food_samples: {},
	disinfections: { flagged: true, overridden: true },
	cold_readings: { flagged: true, overridden: true },
	waste_handovers: { flagged: true },
	accompanied_meals: {},
	self_inspections: { flagged: true },
	purchases: { flagged: true },
	meal_closures: { flagged: true, overridden: true }
};

function hasContent(value: unknown): boolean {
	if (value === null || value === undefined || value === '') return false;
	if (Array.isArray(value)) return value.length > 0;
	if (typeof value === 'object') return Object.keys(value).length > 0;
	return true;
}

/** 0/1 marks of one record for its day's summary; `fields` hold plain values (JSON already parsed). */
export function daySummaryOf(ledger: string, fields: Record<string, unknown>) {
	const marks = DAY_SUMMARY_MARKS[ledger] ?? {};
	return {
		late: hasContent(fields.late) ? 1 : 0,
		excluded_staff: marks.excluded && fields.outcome === 'excluded' ? 1 : 0,
		flagged: marks.flagged && hasContent(fields.findings) ? 1 : 0,
		overridden: marks.overridden && typeof fields.reason === 'string' && fields.reason !== '' ? 1 : 0
	};
}

/**
 * The points of a routine supervision visit (日常监督检查要点, as in the local forms for school and
 * collective canteens); the regulator ticks each and may add their own.
 */
export const SUPERVISION_CHECKLIST = [
	'许可证件公示、在有效期内',
	'从业人员健康证明、晨检记录',
	'原料进货查验和索证索票记录',
	'食品贮存条件、冷藏冷冻温度',
	'加工制作过程、生熟分开',
	'餐用具清洗消毒和保洁',
	'食品留样（数量、时间、专柜）',
	'餐厨废弃物处置和台账',
	'防鼠、防蝇、防虫设施',
	'明厨亮灶设施运行和视频留存'
];
