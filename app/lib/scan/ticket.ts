// A supplier's electronic ticket (一票通 / 电子随货单) as read from its QR code, or a printed ticket's
// text, turned into a proposed purchase record that the cook then checks. Pure: no zxing, no DOM.
import { PURCHASE_CATEGORIES, isLocalDate, type LocalDate, type PurchaseCategory, type PurchaseLine } from '$lib/domain';
import { correctedName } from './food-names';
import { rowText, type TextRow } from './ocr-layout';
import { cleanCompanyName, isCompanyName, labelledValues } from './ticket-labels';
import { PACKAGING, cellsUnder, headingsOf, type Heading } from './ticket-table';

export interface TicketProposal {
	supplier: { name?: string; credit_code?: string };
	delivered_on?: LocalDate;
	lines: PurchaseLine[];
	/** The ticket's own number and the receiving canteen, where printed: shown, never goods. */
	number?: string;
	receiver?: string;
	/** Names the reader corrected (the goods-name list, the canteen's past deliveries): shown to the cook. */
	corrected?: { name: string; read: string }[];
	/** What an e-ticket carries that the form has no field for ("产地: 山东"): shown rather than dropped. */
	unknown?: string[];
}

/** Each field's usual keys in e-ticket payloads: English, abbreviations, pinyin initials, Chinese. */
const FIELD_NAMES: Record<string, string[]> = {
	name: ['name', 'goods_name', 'goodsname', 'product', 'product_name', 'productname', 'pname', 'item_name', 'spmc', 'hpmc', '品名', '名称', '商品名称', '货品名称', '产品名称'],
	spec: ['spec', 'specification', 'specs', 'gg', 'ggxh', '规格', '规格型号'],
	quantity: ['quantity', 'qty', 'num', 'count', 'sl', '数量'],
	unit: ['unit', 'uom', 'dw', '单位'],
	production_date: ['production_date', 'productiondate', 'prod', 'prod_date', 'proddate', 'mfg', 'mfd', 'manufacture_date', 'pd', 'scrq', '生产日期'],
	batch: ['batch', 'batch_no', 'batchno', 'lot', 'lot_no', 'ph', 'pch', '批号', '批次'],
	shelf_life_days: ['shelf_life_days', 'shelf_life', 'shelflife', 'bzq', '保质期'],
	expiry_date: ['expiry_date', 'expiry', 'exp', 'expire', 'expires', 'best_before', 'yxq', '到期日', '有效期至', '有效期'],
	category: ['category', 'type', 'lb', '类别'],
	barcode: ['barcode', 'gtin', 'ean', 'tm', '条码', '商品条码'],
	imported: ['imported'],
	// Known, with no field on the form: not reported as unknown.
	price: ['price', 'unit_price', 'dj', '单价', 'amount', 'total', 'je', '金额', 'seq', 'index', 'no', '序号']
};
const TICKET_NAMES: Record<string, string[]> = {
	supplier: ['supplier', 'seller', 'vendor', 'supplier_name', 'gys', 'ghdw', '供货单位', '供应商', '销售方'],
	credit_code: ['credit_code', 'creditcode', 'uscc', 'usci', 'tyshxydm', 'xydm', '统一社会信用代码', '信用代码'],
	date: ['date', 'delivery_date', 'deliverydate', 'delivered_on', 'ship_date', 'shipdate', 'rq', 'shrq', '日期', '送货日期', '配送日期'],
	items: ['items', 'lines', 'goods', 'details', 'detail', 'list', 'products', 'mx', '明细', '商品', '货品'],
	number: ['ticket_no', 'ticketno', 'number', 'no', 'order_no', 'bill_no', 'dh', 'djbh', '单号', '单据号', '票号'],
	receiver: ['receiver', 'buyer', 'customer', 'consignee', 'shdw', '收货单位', '购货单位']
};
const keyOf = (key: string) => key.toLowerCase().replace(/[\s_-]/g, '');
const lookup = (names: Record<string, string[]>) => new Map(Object.entries(names).flatMap(([field, keys]) => keys.map((key) => [keyOf(key), field])));
const FIELD_OF_KEY = lookup(FIELD_NAMES);
const TICKET_FIELD_OF_KEY = lookup(TICKET_NAMES);

/** An object's values by field, whatever keys the supplier's software used; the rest as unknown. */
function byField(object: Record<string, unknown>, fields: Map<string, string>) {
	const values: Record<string, unknown> = {};
	const unknown: [string, unknown][] = [];
	for (const [key, value] of Object.entries(object)) {
		const field = fields.get(keyOf(key));
		if (field && values[field] === undefined && value !== null && value !== '') values[field] = value;
		else if (!field) unknown.push([key, value]);
	}
	return { values, unknown };
}

/** 2026-11-22, 2026/11/22, 2026.11.22, 2026年11月22日, 20261122 → 2026-11-22 (OCR reads a dot as a comma now and then). */
export function normaliseDate(value: unknown): LocalDate | '' {
	const text = String(value ?? '').trim();
	const match = text.match(/(\d{4})\s*[-/.,年]\s*(\d{1,2})\s*[-/.,月]\s*(\d{1,2})/) ?? text.match(/^(20\d{2})\s+(\d{1,2})\s*[-/.,月\s]\s*(\d{1,2})日?$/) ?? text.match(/^(20\d{2})(\d{2})(\d{2})$/);
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

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value).trim());

function lineOf(item: Record<string, unknown>): PurchaseLine {
	const quantityText = text(item.quantity);
	// "20kg" in the quantity: the unit rides along when the note has no unit column.
	const withUnit = quantityText.match(/^(\d+(?:\.\d+)?)\s*([a-zA-Z\u4e00-\u9fff]{1,3})$/);
	const quantity = Number((withUnit?.[1] ?? quantityText).replace(/[^\d.]/g, ''));
	const category = text(item.category);
	const barcode = text(item.barcode);
	// A production date that is not a date is the batch printed in its place (生产日期/批号).
	const production = text(item.production_date);
	const productionDate = normaliseDate(production);
	const batch = text(item.batch) || (!productionDate && /\d/.test(production) ? production : '');
	return {
		name: text(item.name),
		spec: text(item.spec),
		quantity: quantityText !== '' && Number.isFinite(quantity) && quantity > 0 ? quantity : null,
		unit: text(item.unit) || (withUnit?.[2] ?? ''),
		category: (PURCHASE_CATEGORIES as readonly string[]).includes(category) ? (category as PurchaseCategory) : 'other',
		imported: item.imported === true,
		production_date: productionDate,
		batch,
		shelf_life_days: shelfLifeDays(item.shelf_life_days),
		expiry_date: normaliseDate(item.expiry_date),
		// An e-ticket that names each product's barcode teaches the kiosk the product for a later scan.
		...(/^\d{8,14}$/.test(barcode) ? { barcode } : {})
	};
}

/** The 18-character unified social credit code wherever a payload keeps it (top level, supplier, deeper). */
function creditCodeIn(value: unknown, depth = 0): string | undefined {
	if (!value || typeof value !== 'object' || depth > 3) return undefined;
	for (const [key, inner] of Object.entries(value)) {
		if (TICKET_FIELD_OF_KEY.get(keyOf(key)) === 'credit_code' && typeof inner === 'string' && inner.trim()) return inner.replace(/\s/g, '').toUpperCase();
	}
	for (const inner of Object.values(value)) {
		if (Array.isArray(inner)) continue;
		const found = creditCodeIn(inner, depth + 1);
		if (found) return found;
	}
	return undefined;
}

const shown = (key: string, value: unknown) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`;

function fromJson(data: Record<string, unknown>): TicketProposal {
	const { values, unknown } = byField(data, TICKET_FIELD_OF_KEY);
	const supplier = values.supplier;
	const items = Array.isArray(values.items) ? (values.items as unknown[]).filter((item): item is Record<string, unknown> => !!item && typeof item === 'object') : [];
	const report = unknown.map(([key, value]) => shown(key, value));
	const lines = items.map((item) => {
		const { values: fields, unknown: extra } = byField(item, FIELD_OF_KEY);
		const line = lineOf(fields);
		report.push(...extra.map(([key, value]) => `${line.name || '?'} ${shown(key, value)}`));
		return line;
	});
	const supplierName = typeof supplier === 'string' ? supplier : supplier && typeof supplier === 'object' ? text(byField(supplier as Record<string, unknown>, lookup({ name: ['name', '名称', 'mc', 'supplier_name'] })).values.name) : '';
	return {
		supplier: { name: supplierName || undefined, credit_code: creditCodeIn(data) },
		delivered_on: normaliseDate(values.date) || undefined,
		lines,
		number: text(values.number) || undefined,
		receiver: typeof values.receiver === 'string' ? values.receiver : undefined,
		unknown: report
	};
}

// A compact date (20261129) may run straight into the shelf life after it (2026112930天).
const DATE = /\d{4}-\d{2}-\d{2}|\d{4}\s*[-/.,年]\s*\d{1,2}\s*[-/.,月]\s*\d{1,2}日?|(?<!\d)20\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?=\D|$|\d{1,4}(?:天|个月|月|年))/;
const SHELF_LIFE = /(\d+(?:\.\d+)?)\s*(天|日|个月|月|年|days?|months?|years?)/i;
const SPEC_WORDS = new RegExp(`(${PACKAGING})$`);
const UNIT = /^[a-zA-Z\u4e00-\u9fff]{1,3}$/;
/** Strokes alone ("一一": a table ruling read as text) are no goods' name. */
const STROKES = /^[一丨工|\-_—\s]+$/;
/** Rows that end a goods table: totals, signatures, the copy's colour. */
const TABLE_END = /合计|总计|小计|大写|收货人|送货人|签收|签字|制单|审核|第.联|存根/;

/**
 * A goods row without a header to go by (a receipt printed as lines): the production date anchors
 * the row; before it come the row number, the name, the specification, the quantity and its unit
 * (cells separated by spaces or tabs, or run together); after it the shelf life or an expiry date.
 * Missing cells stay empty for the cook to fill in.
 */
function itemOfRow(row: string): PurchaseLine | null {
	// The row's number (序号) before the name.
	row = row.replace(/^\s*\d{1,3}(?:[\s.、):]+|(?=[\u4e00-\u9fff]))/, '');
	const date = row.match(DATE);
	if (!date || date.index === undefined) return null;
	const before = row.slice(0, date.index).trim();
	const after = row.slice(date.index + date[0].length);
	let name = before.match(/^[^\d\s]+/)?.[0] ?? '';
	if (!name || STROKES.test(name)) return null;
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

/** A goods row read under the table's headings. */
function itemUnder(row: TextRow, headings: Heading[]): PurchaseLine | null {
	const cells = cellsUnder(row, headings);
	// A row number run into the name, or read as a letter ("m 大白菜" for "3 大白菜").
	// Table rulings that tesseract reads as strokes ("工一大豆油", "一-西红柿-") come off the ends.
	const name = (cells.name ?? '')
		.replace(/^[A-Za-z0-9]{1,3}\s*(?=[\u4e00-\u9fff])/, '')
		.replace(/^[工一丨|\-_—\s]+(?=[\u4e00-\u9fff]{2})|(?<=[\u4e00-\u9fff]{2})[一丨|\-_—\s]+$/g, '');
	if (!/[\u4e00-\u9fff]|[a-zA-Z]{3}/.test(name) || STROKES.test(name) || headingsOf(row)) return null;
	// A unit OCR made unreadable ("榜" for 桶) is the package the specification names ("5L/桶"), if it names one.
	const packageUnit = cells.spec?.match(/\/([\u4e00-\u9fff])$/)?.[1];
	const unit = cells.unit ? (UNITS.test(cells.unit) || !packageUnit ? cells.unit : packageUnit) : headings.find((heading) => heading.column === 'quantity')?.unit;
	const line = lineOf({
		name,
		spec: cells.spec,
		quantity: cells.quantity,
		unit,
		production_date: cells.production_date ?? cells.production_or_batch,
		batch: cells.batch,
		shelf_life_days: cells.shelf_life,
		expiry_date: cells.expiry,
		barcode: cells.barcode
	});
	// A name alone is the second line of a wrapped cell, or noise.
	return filled(line) > 1 ? line : null;
}

/** Units goods are counted in on delivery notes. */
const UNITS = /^(kg|g|l|ml|斤|公斤|千克|克|升|毫升|袋|盒|桶|瓶|箱|包|个|只|条|件|份|根|把|板|罐|听|提|筐|捆|块|片|支|打|枚|套)$/i;

const filled = (line: PurchaseLine) => [line.name, line.spec, line.quantity, line.unit, line.production_date, line.batch, line.shelf_life_days, line.expiry_date].filter((value) => value !== '' && value !== null).length;

/**
 * A printed ticket, row by row (cells with their place across the page, as OCR found them): labelled
 * fields wherever they sit, the goods table by its header row, and rows of a receipt without one.
 */
function fromRows(read: TextRow[]): TicketProposal {
	const rows = read.map((row) => row.map((cell) => ({ ...cell, text: cleanCell(cell.text) })).filter((cell) => cell.text));
	const proposal: TicketProposal = { supplier: {}, lines: [] };
	let heading: string | undefined;
	let headings: Heading[] | undefined;
	let listed: Record<string, string> | undefined;
	const endListed = () => {
		if (listed?.name) proposal.lines.push(lineOf(listed));
		listed = undefined;
	};
	for (const row of rows) {
		const line = rowText(row).normalize('NFKC').trim();
		if (!line) continue;
		const found = headingsOf(row);
		if (found) {
			headings = found;
			continue;
		}
		// The code is 18 letters and digits after a label OCR may have damaged (统社会信用代码, 信民代码).
		const creditCode = line.replace(/\s/g, '').match(/(?:信用|代码|识别号)[^0-9A-Z]*([0-9A-Z]{18})(?![0-9A-Z])/);
		if (creditCode) proposal.supplier.credit_code ??= creditCode[1];
		const labelled = labelledValues(line);
		if (labelled.length > 0) {
			if (TABLE_END.test(line)) headings = undefined;
			for (const { kind, value } of labelled) {
				if (kind === 'supplier' && value) proposal.supplier.name ??= cleanCompanyName(value);
				else if (kind === 'credit_code' && !creditCode) proposal.supplier.credit_code ??= value.replace(/\s/g, '').toUpperCase() || undefined;
				else if (kind === 'date') proposal.delivered_on ??= normaliseDate(value) || undefined;
				else if (kind === 'number' && value) proposal.number ??= value.split(/\s/)[0];
				else if (kind === 'receiver' && value) proposal.receiver ??= value.split(/\s/)[0];
				else if (kind.startsWith('item_') && value) {
					// "批号：…" on the row under a goods row belongs to that row (thermal receipts print it so).
					const above = proposal.lines.at(-1);
					if (!listed && above && kind !== 'item_name') {
						const field = ITEM_FIELD[kind]!;
						const own = lineOf({ [field]: value });
						if (field === 'production_date' && !above.production_date) above.production_date = own.production_date;
						if (!above.batch) above.batch = own.batch;
						if (field === 'shelf_life_days' && above.shelf_life_days === null) above.shelf_life_days = own.shelf_life_days;
						if (field === 'expiry_date' && !above.expiry_date) above.expiry_date = own.expiry_date;
						continue;
					}
					if (kind === 'item_name') endListed();
					listed ??= {};
					listed[ITEM_FIELD[kind]!] = value;
				}
			}
			continue;
		}
		if (TABLE_END.test(line)) {
			headings = undefined;
			continue;
		}
		const fromTable = headings ? itemUnder(row, headings) : null;
		const fromLine = itemOfRow(line);
		// Under a header the columns decide; a row read by its date alone wins only where the columns gave
		// neither a quantity nor a date (cells run together beyond telling apart).
		const item = fromTable && (!fromLine || fromTable.quantity !== null || fromTable.production_date || fromTable.batch) ? fromTable : fromLine;
		if (item) proposal.lines.push(item);
		else if (!heading && !headings && isCompanyName(line)) heading = cleanCompanyName(line);
	}
	endListed();
	proposal.supplier.name ??= heading;
	return proposal;
}

const ITEM_FIELD: Record<string, string> = {
	item_name: 'name',
	item_spec: 'spec',
	item_quantity: 'quantity',
	item_unit: 'unit',
	item_production_date: 'production_date',
	item_batch: 'batch',
	item_shelf_life: 'shelf_life_days',
	item_expiry: 'expiry_date'
};

/**
 * A cell as the reader needs it: full-width forms as ASCII, and the quotes and stops tesseract reads
 * from specks and table rulings ("”猪后腿肉“散装", "，315.04") gone — inside a cell they separate words.
 */
function cleanCell(text: string): string {
	return text
		.normalize('NFKC')
		.replace(/[”“"'‘’「」『』|]/g, ' ')
		.replace(/^[\s,.。、:;]+|[\s,。、;]+$/g, '')
		.trim();
}

/** Rows of text (cells separated by tabs) as cells placed one after another, for text without positions. */
function rowsOfText(text: string): TextRow[] {
	return text.split(/\r?\n/).map((line) => {
		let at = 0;
		return line.split('\t').map((cell) => {
			const left = at;
			at += [...cell].length * 2 + 4;
			return { text: cell, left, right: left + [...cell].length * 2 };
		});
	});
}

/**
 * An e-ticket's payload (JSON, or labelled text), or a printed ticket's recognised rows. `knownNames`
 * are the goods the canteen received before: a misread name near one of them (or near a common goods
 * name) is proposed as that name, and the reading is kept in `corrected`.
 */
export function parseTicket(reading: string | TextRow[], knownNames: readonly string[] = []): TicketProposal {
	let proposal: TicketProposal | undefined;
	if (typeof reading === 'string') {
		// Full-width digits and letters (５, ＫＧ), as some tickets print and OCR sometimes reads, become ASCII.
		const trimmed = reading.normalize('NFKC').trim();
		if (trimmed.startsWith('{')) {
			try {
				proposal = fromJson(JSON.parse(trimmed) as Record<string, unknown>);
			} catch {
				// Not JSON after all: read it as text.
			}
		}
		proposal ??= fromRows(rowsOfText(trimmed));
	} else proposal = fromRows(reading);
	const corrected: { name: string; read: string }[] = [];
	for (const line of proposal.lines) {
		const name = correctedName(line.name, knownNames);
		if (!name) continue;
		corrected.push({ name, read: line.name });
		line.name = name;
	}
	if (corrected.length > 0) proposal.corrected = corrected;
	return proposal;
}

/** The supplier of the canteen's list that a ticket names: by credit code first, then by name. */
export function matchSupplier<S extends { id: string; name: string; credit_code: string }>(proposal: TicketProposal, suppliers: S[]): S | undefined {
	const code = proposal.supplier.credit_code?.toUpperCase();
	const name = proposal.supplier.name && cleanCompanyName(proposal.supplier.name);
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
