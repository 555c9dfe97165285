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
