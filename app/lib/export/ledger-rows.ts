// A ledger's records as the rows of an export: the same columns as the page (ledger-views.ts), with
// every time the record carries, its 补录 reasons and its void.
import { dateTime } from '$lib/format';
import { latenessOf, type CanteenSettings, type ChainedCollection } from '$lib/domain';
import type { VoidRecord } from '$lib/db/schema';
import type { LedgerView, Translate } from '$lib/components/admin/ledger-views';
import type { Row } from './sheet';

type Kept = { id: string; date?: string; entered_at?: string; received_at?: string };

const when = (value: string | undefined) => (value ? dateTime(value) : '');

export function ledgerHeader<R>(view: LedgerView<R>, t: Translate): Row {
	return [t('browser.date'), t('browser.event_time'), t('browser.entered_at'), t('browser.received_at'), ...view.columns.map((column) => t(column.label)), t('late.mark'), t('browser.voided')];
}

export function ledgerRow<R extends Kept>({ ledger, view, record, voids, settings, t }: { ledger: ChainedCollection; view: LedgerView<R>; record: R; voids: Map<string, VoidRecord>; settings: CanteenSettings; t: Translate }): Row {
	const late = latenessOf({ collection: ledger, record: record as unknown as Parameters<typeof latenessOf>[0]['record'], settings });
	const voided = voids.get(record.id);
	return [
		record.date ?? '',
		when(view.eventTime(record)),
		when(record.entered_at),
		when(record.received_at),
		...view.columns.map((column) => column.cell(record)),
		late.map((f) => t(f.code, { values: f.params })).join('；'),
		voided ? t('admin.voided', { values: { reason: voided.reason, who: voided.voided_by } }) : ''
	];
}
