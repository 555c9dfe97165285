// The province warehouse's views (server/province/views.ts), read with fetch from the ingest's own
// origin (it serves this app too) with the province's viewer token.
import { fromStatus, type ApiProblem } from './problems';

export interface GridRow {
	code: string;
	name: string;
	canteens: number;
	owed: number;
	kept: number;
	completeness: number | null;
	exceptions: number;
	open_alerts: number;
	red_cards: number;
}

export interface ProvinceGrid {
	from: string;
	to: string;
	under: string;
	level: 'province' | 'city' | 'county' | 'canteen';
	today: string;
	rows: GridRow[];
}

export interface MonthlyRow {
	county: string;
	name: string;
	canteens: number;
	completeness: number | null;
	alerts: number;
	rectified: number | null;
	rectified_on_time: number | null;
	complaints: number;
	inspections: number;
}

export interface Headline {
	today: string;
	units: { canteens: number; connected: number; rate: number | null };
	cameras: { cameras: number; online: number; rate: number | null };
	completeness: { day: string; owed: number; kept: number; rate: number | null };
	alerts: { open: number; raised_30d: number; closed_30d: number; rectification_rate: number | null };
	complaints: { last_30d: number };
}

export interface WarehouseProblem {
	canteen: string;
	kind: 'hash_mismatch' | 'changed_after_arrival' | 'digest_mismatch' | 'deleted_at_county';
	collection: string;
	record_id: string;
	day: string | null;
	detail: string;
	found_at: string;
}

export class ProvinceApiError extends Error {
	constructor(readonly problem: ApiProblem) {
		super(problem.kind);
	}
}

async function view<T>(token: string, name: string, query: Record<string, string> = {}): Promise<T> {
	let response: Response;
	try {
		response = await fetch(`/v1/views/${name}?${new URLSearchParams(query)}`, { headers: { authorization: `Bearer ${token}` } });
	} catch {
		throw new ProvinceApiError({ kind: 'offline' });
	}
	const body = await response.json().catch(() => ({}));
	if (!response.ok) throw new ProvinceApiError(fromStatus(response.status, body));
	return body as T;
}

export const fetchHeadline = (token: string) => view<Headline>(token, 'headline');
export const fetchGrid = (token: string, query: { from: string; to: string; under: string }) => view<ProvinceGrid>(token, 'grid', query);
export const fetchMonthly = (token: string, month: string) => view<{ month: string; rows: MonthlyRow[] }>(token, 'monthly', { month });
export const fetchProblems = (token: string) => view<{ problems: WarehouseProblem[] }>(token, 'problems');
