// The ledger browser: one ledger of the chosen canteen over days, filtered by person and state, a page
// at a time on screen and every matching record in an export.
import { get } from 'svelte/store';
import { _ } from '$lib/i18n';
import { addDaysTo, type ChainedCollection, type LocalDate } from '$lib/domain';
import type { VoidRecord } from '$lib/db/schema';
import { spreadsheet } from '$lib/lazy';
import { recordPhotoUrls } from '$lib/pb/admin-api';
import { fetchLedgerPage, fetchVoids, ledgerPages, type LedgerQuery } from '$lib/pb/ledger-browser-api';
import { BROWSABLE_LEDGERS, ledgerViews, type BrowsableLedger, type LedgerView, type Translate } from '$lib/components/admin/ledger-views';
import { ledgerHeader, ledgerRow } from '$lib/export/ledger-rows';
import { csvBlob, download, type Row } from '$lib/export/sheet';
import type { AdminSession } from './admin.svelte';

type Shown = { id: string; date?: string; entered_at?: string; received_at?: string; photo_sha256?: string };
const PER_PAGE = 50;

export class LedgerBrowser {
	ledger = $state<BrowsableLedger>('food_samples');
	from = $state('');
	to = $state('');
	person = $state('');
	only = $state<LedgerQuery['only']>('all');
	page = $state(1);
	records = $state.raw<Shown[]>([]);
	total = $state(0);
	voids = $state.raw<Map<string, VoidRecord>>(new Map());
	photoUrls = $state.raw<Record<string, string>>({});
	/** The record opened for its details. */
	opened = $state<string | null>(null);
	exporting = $state<{ format: 'xlsx' | 'csv'; done: number; total: number } | null>(null);
	readonly session: AdminSession;

	/** `asked`: what a link asked for (the grid's cells lead here with a ledger and the range). */
	constructor(session: AdminSession, asked: { ledger?: string | null; from?: string | null; to?: string | null } = {}) {
		this.session = session;
		const day = /^\d{4}-\d{2}-\d{2}$/;
		this.to = asked.to && day.test(asked.to) ? asked.to : session.today;
		this.from = asked.from && day.test(asked.from) ? asked.from : addDaysTo(this.to as LocalDate, -6);
		// Health records are not a regulator's to browse.
		if (asked.ledger && BROWSABLE_LEDGERS.includes(asked.ledger as BrowsableLedger) && !(session.isRegulator && asked.ledger === 'morning_checks')) {
			this.ledger = asked.ledger as BrowsableLedger;
		}
	}

	#view(t: Translate): LedgerView<Shown> {
		return ledgerViews(t)[this.ledger] as unknown as LedgerView<Shown>;
	}

	#query(): LedgerQuery | null {
		const canteen = this.session.canteenId;
		if (!canteen) return null;
		return { canteen, ledger: this.ledger, from: this.from, to: this.to, person: this.person, personField: this.#view(get(_)).personField, only: this.only };
	}

	#sort(): string {
		return this.ledger === 'morning_checks' ? '-checked_at' : '-date,-created';
	}

	async search(page = 1) {
		const query = this.#query();
		if (!query) return;
		await this.session.call(async () => {
			const [result, voids] = await Promise.all([
				fetchLedgerPage<Shown>({ pb: this.session.pb, query, sort: this.#sort(), page, perPage: PER_PAGE }),
				fetchVoids({ pb: this.session.pb, canteen: query.canteen, ledger: query.ledger })
			]);
			this.photoUrls = await recordPhotoUrls({ pb: this.session.pb, records: result.items });
			this.page = page;
			this.records = result.items;
			this.total = result.totalItems;
			this.voids = voids;
			this.opened = null;
		});
	}

	get pages(): number {
		return Math.max(1, Math.ceil(this.total / PER_PAGE));
	}

	/** Every matching record as XLSX or CSV, fetched a page of 500 at a time. */
	async export(format: 'xlsx' | 'csv') {
		const query = this.#query();
		if (!query) return;
		const t = get(_) as Translate;
		const view = this.#view(t);
		const settings = this.session.settings;
		const ledger = this.ledger as ChainedCollection;
		await this.session.call(async () => {
			this.exporting = { format, done: 0, total: this.total };
			const rows: Row[] = [ledgerHeader(view, t)];
			const voids = await fetchVoids({ pb: this.session.pb, canteen: query.canteen, ledger: query.ledger });
			for await (const { items, done, total } of ledgerPages<Shown>({ pb: this.session.pb, query, sort: this.#sort() })) {
				for (const record of items) rows.push(ledgerRow({ ledger, view, record, voids, settings, t }));
				this.exporting = { format, done, total };
			}
			const name = `${this.session.canteen?.name ?? ''}-${t(view.title)}-${query.from}_${query.to}`;
			const blob = format === 'csv' ? csvBlob(rows) : await (await spreadsheet()).xlsxBlob(rows, t(view.title));
			download(blob, `${name}.${format}`);
		});
		this.exporting = null;
	}
}
