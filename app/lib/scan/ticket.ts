// A supplier's electronic ticket (一票通 / 电子随货单) as read from its QR code, or a printed ticket's
// text, turned into a proposed purchase record that the cook then checks. Pure: no zxing, no DOM.
import { PURCHASE_CATEGORIES, isLocalDate, type LocalDate, type PurchaseCategory, type PurchaseLine } from '$lib/domain';

export interface TicketProposal {
	supplier: { name?: string; credit_code?: string };
	delivered_on?: LocalDate;
	lines: PurchaseLine[];
}

const FIELD_NAMES: Record<string, string[]> = {
	name: ['name', '品名', '名称', '商品名称'],
	spec: ['spec', '规格'],
	quantity: ['quantity', 'qty', '数量'],
	unit: ['unit', '单位'],
	production_date: ['production_date', '生产日期'],
	batch: ['batch', '批号', '批次'],
	shelf_life_days: ['shelf_life_days', '保质期'],
	expiry_date: ['expiry_date', '到期日', '有效期至'],
	category: ['category', '类别']
};

const pick = (object: Record<string, unknown>, names: string[]) => names.map((name) => object[name]).find((value) => value !== undefined && value !== null && value !== '');

/** 2026-11-22, 2026/11/22, 2026.11.22, 2026年11月22日 → 2026-11-22. */
export function normaliseDate(value: unknown): LocalDate | '' {
	const match = String(value ?? '').match(/(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/);
	if (!match) return '';
	const date = `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}`;
	return isLocalDate(date) ? date : '';
}

/** 3, "3天", "3 days", "12个月" (months as 30 days), "1年". */
function shelfLifeDays(value: unknown): number | null {
	const text = String(value ?? '').trim();
	const match = text.match(/^(\d+(?:\.\d+)?)\s*(天|日|days?|个月|月|months?|年|years?)?$/i);
	if (!match) return null;
	const amount = Number(match[1]);
	const unit = match[2] ?? '天';
	if (/^(个月|月|month)/i.test(unit)) return Math.round(amount * 30);
	if (/^(年|year)/i.test(unit)) return Math.round(amount * 365);
	return Math.round(amount);
}

function lineOf(item: Record<string, unknown>): PurchaseLine {
	const quantity = Number(String(pick(item, FIELD_NAMES.quantity!) ?? '').replace(/[^\d.]/g, ''));
	const category = String(pick(item, FIELD_NAMES.category!) ?? '');
	return {
		name: String(pick(item, FIELD_NAMES.name!) ?? '').trim(),
		spec: String(pick(item, FIELD_NAMES.spec!) ?? '').trim(),
		quantity: Number.isFinite(quantity) && quantity > 0 ? quantity : null,
		unit: String(pick(item, FIELD_NAMES.unit!) ?? '').trim(),
		category: (PURCHASE_CATEGORIES as readonly string[]).includes(category) ? (category as PurchaseCategory) : 'other',
		imported: item.imported === true,
		production_date: normaliseDate(pick(item, FIELD_NAMES.production_date!)),
		batch: String(pick(item, FIELD_NAMES.batch!) ?? '').trim(),
		shelf_life_days: shelfLifeDays(pick(item, FIELD_NAMES.shelf_life_days!)),
		expiry_date: normaliseDate(pick(item, FIELD_NAMES.expiry_date!))
	};
}

function fromJson(data: Record<string, unknown>): TicketProposal {
	const supplier = (data.supplier ?? data['供货单位'] ?? {}) as Record<string, unknown> | string;
	const items = (data.items ?? data['明细'] ?? data.lines ?? []) as Record<string, unknown>[];
	return {
		supplier: typeof supplier === 'string' ? { name: supplier } : { name: String(supplier.name ?? supplier['名称'] ?? '') || undefined, credit_code: String(supplier.credit_code ?? supplier['统一社会信用代码'] ?? '') || undefined },
		delivered_on: normaliseDate(data.date ?? data['日期'] ?? data['送货日期']) || undefined,
		lines: Array.isArray(items) ? items.filter((item) => item && typeof item === 'object').map(lineOf) : []
	};
}

/**
 * Labelled text, as on a printed ticket or a text QR code: "供货单位：…", "统一社会信用代码：…",
 * "日期：…", and item rows "品名 规格 数量单位 生产日期 保质期" separated by spaces or tabs.
 */
function fromText(text: string): TicketProposal {
	const proposal: TicketProposal = { supplier: {}, lines: [] };
	for (const raw of text.split(/\r?\n/)) {
		const line = raw.trim();
		if (!line) continue;
		const labelled = line.match(/^(供货单位|供应商|销售方|统一社会信用代码|信用代码|送货日期|日期)\s*[:：]\s*(.+)$/);
		if (labelled) {
			const [, label, value] = labelled;
			if (label === '供货单位' || label === '供应商' || label === '销售方') proposal.supplier.name = value!.trim();
			else if (label!.includes('信用代码')) proposal.supplier.credit_code = value!.replace(/\s/g, '');
			else proposal.delivered_on = normaliseDate(value) || undefined;
			continue;
		}
		const row = line.match(/^(\S+)\s+(\S+)\s+(\d+(?:\.\d+)?)\s*([^\d\s]+)\s+(\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?)(?:\s+(\S+))?/);
		if (row) {
			const [, name, spec, quantity, unit, produced, shelfLife] = row;
			proposal.lines.push(lineOf({ name, spec, quantity, unit, production_date: produced, shelf_life_days: shelfLife }));
		}
	}
	return proposal;
}

/** An e-ticket's payload (JSON, or labelled text), or a printed ticket's recognised text. */
export function parseTicket(text: string): TicketProposal {
	const trimmed = text.trim();
	if (trimmed.startsWith('{')) {
		try {
			return fromJson(JSON.parse(trimmed) as Record<string, unknown>);
		} catch {
			// Not JSON after all: read it as text.
		}
	}
	return fromText(trimmed);
}

/** The supplier of the canteen's list that a ticket names: by credit code first, then by name. */
export function matchSupplier<S extends { id: string; name: string; credit_code: string }>(proposal: TicketProposal, suppliers: S[]): S | undefined {
	const code = proposal.supplier.credit_code?.toUpperCase();
	const name = proposal.supplier.name?.replace(/\s/g, '');
	return (code ? suppliers.find((s) => s.credit_code.toUpperCase() === code) : undefined) ?? (name ? suppliers.find((s) => s.name.replace(/\s/g, '') === name) : undefined);
}
