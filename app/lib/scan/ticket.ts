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
	category: ['category', '类别'],
	barcode: ['barcode', 'gtin', '条码', '商品条码']
};

const pick = (object: Record<string, unknown>, names: string[]) => names.map((name) => object[name]).find((value) => value !== undefined && value !== null && value !== '');

/** 2026-11-22, 2026/11/22, 2026.11.22, 2026年11月22日 → 2026-11-22 (OCR reads a dot as a comma now and then). */
export function normaliseDate(value: unknown): LocalDate | '' {
	const match = String(value ?? '').match(/(\d{4})\s*[-/.,年]\s*(\d{1,2})\s*[-/.,月]\s*(\d{1,2})/);
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
	const barcode = String(pick(item, FIELD_NAMES.barcode!) ?? '');
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
		expiry_date: normaliseDate(pick(item, FIELD_NAMES.expiry_date!)),
		// An e-ticket that names each product's barcode teaches the kiosk the product for a later scan.
		...(/^\d{8,14}$/.test(barcode) ? { barcode } : {})
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

const DATE = /\d{4}-\d{2}-\d{2}|\d{4}\s*[-/.,年]\s*\d{1,2}\s*[-/.,月]\s*\d{1,2}日?/;
const SHELF_LIFE = /(\d+(?:\.\d+)?)\s*(天|日|个月|月|年|days?|months?|years?)/i;
/** Packaging words printed next to the name; OCR often joins them to it. */
const SPEC_WORDS = /(散装|袋装|盒装|箱装|瓶装|桶装|简装|冷冻|冷鲜)$/;
const UNIT = /^[a-zA-Z\u4e00-\u9fff]{1,3}$/;
/** How a supplier's name ends, for notes that print it as a heading without a label. */
const COMPANY = /(公司|商行|配送|合作社|经营部|门市部|厂|店)$/;

/**
 * One item row, read from whatever the print and the OCR left of it: the production date anchors the
 * row; before it come the name, the specification, the quantity and its unit (cells separated by
 * spaces or tabs, or run together); after it the shelf life or an expiry date. Missing cells stay empty
 * for the cook to fill in.
 */
function itemOfRow(row: string): PurchaseLine | null {
	const date = row.match(DATE);
	if (!date || date.index === undefined) return null;
	const before = row.slice(0, date.index).trim();
	const after = row.slice(date.index + date[0].length);
	let name = before.match(/^[^\d\s]+/)?.[0] ?? '';
	if (!name) return null;
	let spec = '';
	const packaging = name.match(SPEC_WORDS);
	if (packaging && packaging.index! > 0) {
		spec = packaging[0];
		name = name.slice(0, packaging.index);
	}
	const rest = before.slice(before.indexOf(name) + name.length + spec.length).trim();
	// The quantity and its unit end the cells before the date; what comes between is the specification.
	const amount = rest.match(/^(.*?)(\d+(?:\.\d+)?)\s*([a-zA-Z\u4e00-\u9fff]{1,3})?$/s);
	// Without a number, a short last cell after the specification is the unit whose quantity was lost.
	const cells = rest.split(/\t+/);
	const unitAlone = !amount && cells.length >= 2 && UNIT.test(cells.at(-1)!) ? cells.pop()! : undefined;
	const quantity = amount?.[2];
	const unit = amount?.[3] ?? unitAlone ?? '';
	spec = [spec, (amount ? amount[1]! : cells.join(' ')).trim()].filter(Boolean).join(' ');
	// A bare number after the date is the shelf life in days.
	const shelfLife = after.match(SHELF_LIFE)?.[0].replace(/\s/g, '') ?? after.match(/^\s*(\d+)\s*$/)?.[1];
	const expiry = after.match(DATE);
	return lineOf({ name, spec, quantity, unit, production_date: date[0], shelf_life_days: shelfLife, expiry_date: expiry?.[0] });
}

/**
 * Labelled text, as on a printed ticket or a text QR code: "供货单位：…", "统一社会信用代码：…",
 * "日期：…", and item rows (see itemOfRow). OCR text comes in rows with cells separated by tabs.
 */
function fromText(text: string): TicketProposal {
	const proposal: TicketProposal = { supplier: {}, lines: [] };
	let heading: string | undefined;
	for (const raw of text.split(/\r?\n/)) {
		const line = raw.trim();
		if (!line) continue;
		// The code is 18 letters and digits after a label OCR may have damaged (统社会信用代码, 信民代码).
		const creditCode = line.replace(/\s/g, '').match(/(?:信用|代码)[^0-9A-Z]*([0-9A-Z]{18})(?![0-9A-Z])/);
		if (creditCode) {
			proposal.supplier.credit_code = creditCode[1];
			continue;
		}
		const labelled = line.match(/^(供货单位|供应商|销售方|统一社会信用代码|信用代码|送货日期|日期)\s*[:：]?\s*(.+)$/);
		if (labelled) {
			const [, label, value] = labelled;
			if (label === '供货单位' || label === '供应商' || label === '销售方') proposal.supplier.name = value!.trim();
			else if (label!.includes('信用代码')) proposal.supplier.credit_code = value!.replace(/\s/g, '');
			else proposal.delivered_on = normaliseDate(value) || undefined;
			continue;
		}
		const item = itemOfRow(line);
		if (item) proposal.lines.push(item);
		else if (!heading && COMPANY.test(line.replace(/\s/g, ''))) heading = line.replace(/\s/g, '');
	}
	proposal.supplier.name ??= heading;
	return proposal;
}

/** An e-ticket's payload (JSON, or labelled text), or a printed ticket's recognised text. */
export function parseTicket(text: string): TicketProposal {
	// Full-width digits and letters (５, ＫＧ), as some tickets print and OCR sometimes reads, become ASCII.
	const trimmed = text.normalize('NFKC').trim();
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
	const byCode = code ? suppliers.find((s) => s.credit_code.toUpperCase() === code) : undefined;
	if (byCode || !name) return byCode;
	const exact = suppliers.find((s) => s.name.replace(/\s/g, '') === name);
	if (exact) return exact;
	// OCR misreads a character or joins the next word ("永范县…公司送货单"): the supplier whose name is
	// almost all there, in order.
	let best: { supplier: S; share: number } | undefined;
	for (const supplier of suppliers) {
		const own = supplier.name.replace(/\s/g, '');
		const share = commonSubsequence(own, name) / own.length;
		if (share >= FUZZY_NAME_SHARE && (!best || share > best.share)) best = { supplier, share };
	}
	return best?.supplier;
}

/** Share of a supplier's name that must be found, in order, in what OCR read. */
const FUZZY_NAME_SHARE = 0.8;

function commonSubsequence(a: string, b: string): number {
	let previous = new Array<number>(b.length + 1).fill(0);
	for (const charA of a) {
		const current = [0];
		for (let j = 0; j < b.length; j++) current.push(charA === b[j] ? previous[j]! + 1 : Math.max(previous[j + 1]!, current[j]!));
		previous = current;
	}
	return previous[b.length]!;
}
