// Month-long views the paper world still asks for: one ledger's month laid out like its paper form, and
// the progress table (实施情况统计表) regulators file upward. Both are rows, printed or exported.
import { get } from 'svelte/store';
import { _ } from '$lib/i18n';
import { addDaysTo, addMonthsTo, type ChainedCollection, type LocalDate } from '$lib/domain';
import { spreadsheet } from '$lib/lazy';
import { fetchGrid } from '$lib/pb/oversight-api';
import { fetchVoids, ledgerPages } from '$lib/pb/ledger-browser-api';
import { ledgerViews, type BrowsableLedger, type LedgerView, type Translate } from '$lib/components/admin/ledger-views';
import { ledgerHeader, ledgerRow } from '$lib/export/ledger-rows';
import { csvBlob, download, type Row } from '$lib/export/sheet';
import type { AdminSession } from './admin.svelte';

type Kept = { id: string; date?: string; entered_at?: string; received_at?: string };

/** The first and last day of a month given as YYYY-MM. */
export function monthRange(month: string): { from: string; to: string } {
	const from = `${month}-01` as LocalDate;
	return { from, to: addDaysTo(addMonthsTo(from, 1), -1) };
}

export class MonthlyLedger {
	rows = $state.raw<Row[]>([]);
	loading = $state(false);
	readonly session: AdminSession;

	constructor(session: AdminSession) {
		this.session = session;
	}

	async load({ ledger, month }: { ledger: BrowsableLedger; month: string }) {
		const canteen = this.session.canteenId;
		if (!canteen || !/^\d{4}-\d{2}$/.test(month)) return;
		const t = get(_) as Translate;
		const view = ledgerViews(t)[ledger] as unknown as LedgerView<Kept>;
		const { from, to } = monthRange(month);
		this.loading = true;
		await this.session.call(async () => {
			const query = { canteen, ledger, from, to, person: '', personField: view.personField, only: 'all' as const };
			const voids = await fetchVoids({ pb: this.session.pb, canteen, ledger });
			const rows: Row[] = [ledgerHeader(view, t)];
			const sort = ledger === 'morning_checks' ? 'checked_at' : 'date,created';
			for await (const { items } of ledgerPages<Kept>({ pb: this.session.pb, query, sort })) {
				for (const record of items) rows.push(ledgerRow({ ledger: ledger as ChainedCollection, view, record, voids, settings: this.session.settings, t }));
			}
			this.rows = rows;
		});
		this.loading = false;
	}
}

export interface ProgressRow {
	canteen: string;
	name: string;
	person: string;
	phone: string;
	type: string;
	cameras: number;
	/** 互联网+明厨亮灶 in place: at least one camera connected and seen online. */
	bright: boolean;
	/** Forwarded to the provincial platform: at least one camera marked for it. */
	province: boolean;
	completeness: number | null;
}

export class ProgressTable {
	rows = $state.raw<ProgressRow[]>([]);
	readonly session: AdminSession;

	constructor(session: AdminSession) {
		this.session = session;
	}

	async load(month: string) {
		if (!/^\d{4}-\d{2}$/.test(month)) return;
		const { from, to } = monthRange(month);
		const pb = this.session.pb;
		await this.session.call(async () => {
			const [grid, cameras] = await Promise.all([
				fetchGrid({ pb, from, to: to > this.session.today ? this.session.today : to }),
				pb.collection('cameras').getFullList<{ canteen: string; online: boolean; upstream: boolean; checked_at: string }>({ fields: 'canteen,online,upstream,checked_at' })
			]);
			this.rows = grid.canteens.map((row) => {
				const own = cameras.filter((camera) => camera.canteen === row.id);
				const canteen = this.session.canteens.find((c) => c.id === row.id);
				return {
					canteen: row.id,
					name: row.name,
					person: canteen?.responsible_person ?? '',
					phone: canteen?.phone ?? '',
					type: row.type,
					cameras: own.length,
					bright: own.some((camera) => camera.online),
					province: own.some((camera) => camera.upstream),
					completeness: row.completeness
				};
			});
		});
	}

	sheet(t: Translate): Row[] {
		const yes = (value: boolean) => t(value ? 'admin.yes' : 'admin.no');
		return [
			['progress.unit', 'progress.person', 'progress.phone', 'progress.type', 'progress.cameras', 'progress.bright', 'progress.province', 'progress.completeness'].map((key) => t(key)),
			...this.rows.map((row) => [row.name, row.person, row.phone, t(`progress.type_${row.type}`), row.cameras, yes(row.bright), yes(row.province), row.completeness === null ? '—' : `${Math.round(row.completeness * 1000) / 10}%`])
		];
	}
}

/** Saves rows as XLSX or CSV under a name. */
export async function saveRows(rows: Row[], format: 'xlsx' | 'csv', name: string, sheet: string) {
	const blob = format === 'csv' ? csvBlob(rows) : await (await spreadsheet()).xlsxBlob(rows, sheet);
	download(blob, `${name}.${format}`);
}
