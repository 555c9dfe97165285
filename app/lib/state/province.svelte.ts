import { addDaysTo, localDateOf } from '$lib/domain';
import type { ApiProblem } from '$lib/pb/problems';
import {
	ProvinceApiError,
	fetchGrid,
	fetchHeadline,
	fetchMonthly,
	fetchProblems,
	type Headline,
	type MonthlyRow,
	type ProvinceGrid,
	type WarehouseProblem
} from '$lib/pb/province-api';

const TOKEN_KEY = 'mingchu.province.viewer';

/** The province's page: the viewer's token (this tab only), the grid's drill-down path, and the views. */
export class ProvinceView {
	token = $state('');
	problem = $state<ApiProblem | null>(null);
	headline = $state.raw<Headline | null>(null);
	grid = $state.raw<ProvinceGrid | null>(null);
	monthly = $state.raw<MonthlyRow[]>([]);
	problems = $state.raw<WarehouseProblem[]>([]);
	/** Division codes from the province down to the one shown: '' → '37' → '3715' → '371502'. */
	path = $state<string[]>(['']);
	to = $state(addDaysTo(localDateOf(new Date(), 480), -1));
	from = $state(addDaysTo(localDateOf(new Date(), 480), -30));
	month = $state(localDateOf(new Date(), 480).slice(0, 7));

	constructor() {
		try {
			this.token = sessionStorage.getItem(TOKEN_KEY) ?? '';
		} catch {
			this.token = '';
		}
	}

	get under(): string {
		return this.path[this.path.length - 1] ?? '';
	}

	async signIn(token: string) {
		this.token = token.trim();
		const ok = await this.load();
		if (ok) {
			try {
				sessionStorage.setItem(TOKEN_KEY, this.token);
			} catch {
				// Kept for this page only.
			}
		} else this.token = '';
	}

	signOut() {
		this.token = '';
		this.headline = null;
		this.grid = null;
		try {
			sessionStorage.removeItem(TOKEN_KEY);
		} catch {
			// nothing kept
		}
	}

	/** Everything the page shows; false when the token was refused. */
	async load(): Promise<boolean> {
		return this.#call(async () => {
			const [headline, grid, monthly, problems] = await Promise.all([
				fetchHeadline(this.token),
				fetchGrid(this.token, { from: this.from, to: this.to, under: this.under }),
				fetchMonthly(this.token, this.month),
				fetchProblems(this.token)
			]);
			this.headline = headline;
			this.grid = grid;
			this.monthly = monthly.rows;
			this.problems = problems.problems;
		});
	}

	async loadGrid() {
		await this.#call(async () => {
			this.grid = await fetchGrid(this.token, { from: this.from, to: this.to, under: this.under });
		});
	}

	async loadMonthly() {
		await this.#call(async () => {
			this.monthly = (await fetchMonthly(this.token, this.month)).rows;
		});
	}

	/** One level down (a division's row), or back to a level above. */
	async open(code: string) {
		if (code.length > 6) return;
		this.path = [...this.path, code];
		await this.loadGrid();
	}

	async back(level: number) {
		this.path = this.path.slice(0, level + 1);
		await this.loadGrid();
	}

	async #call(work: () => Promise<void>): Promise<boolean> {
		try {
			await work();
			this.problem = null;
			return true;
		} catch (error) {
			this.problem = error instanceof ProvinceApiError ? error.problem : { kind: 'server', message: String(error) };
			return false;
		}
	}
}
