// The labelled fields of a delivery note ("供货单位：…", "日期：…"), read wherever they sit: alone on a
// row, several on one row ("收货单位：…食堂  日期：2026-11-20"), or beside the table. A row that holds a
// label is never a goods row. Pure, unit-tested through ticket.test.ts.

export type LabelKind =
	| 'supplier'
	| 'credit_code'
	| 'receiver'
	| 'date'
	| 'number'
	| 'other'
	// An item printed as a list of labelled rows (品名：… / 数量：…), as some thermal receipts do.
	| 'item_name'
	| 'item_spec'
	| 'item_quantity'
	| 'item_unit'
	| 'item_production_date'
	| 'item_batch'
	| 'item_shelf_life'
	| 'item_expiry';

const LABELS: [LabelKind, string[]][] = [
	['supplier', ['供货单位', '供货商', '供应商', '供货方', '供方', '销售方', '销售单位', '销货单位', '发货单位', '售货单位', '卖方']],
	['credit_code', ['统一社会信用代码', '社会信用代码', '信用代码', '纳税人识别号', '税号']],
	['receiver', ['收货单位', '购货单位', '收货方', '购买方', '需方', '买方', '客户名称', '客户']],
	['date', ['送货日期', '配送日期', '发货日期', '出库日期', '开票日期', '单据日期', '订单日期', '日期']],
	['number', ['单据编号', '单据号', '送货单号', '单号', '票号', '编号', 'NO.', 'No.', 'NO', 'No']],
	['other', ['收货人', '送货人', '签收人', '联系人', '联系电话', '电话', '地址', '制单人', '制单', '审核', '备注', '车牌号', '合计', '总计', '金额大写', '大写']],
	['item_name', ['商品名称', '货品名称', '产品名称', '品名']],
	['item_spec', ['规格']],
	['item_quantity', ['数量']],
	['item_unit', ['单位']],
	['item_production_date', ['生产日期', '加工日期']],
	['item_batch', ['生产批号', '批号', '批次']],
	['item_shelf_life', ['保质期']],
	['item_expiry', ['有效期至', '有效期', '到期日']]
];

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const WORDS = LABELS.flatMap(([kind, words]) => words.map((word) => ({ kind, word }))).sort((a, b) => b.word.length - a.word.length);
const KIND_OF = new Map(WORDS.map(({ kind, word }) => [word.toLowerCase(), kind]));
/** A label followed by a colon, anywhere; or a label that starts the row or a cell, without one. */
const LABEL = new RegExp(`(${WORDS.map(({ word }) => escape(word)).join('|')})\\s*[:：]|(?:^|\\t)(${WORDS.map(({ word }) => escape(word)).join('|')})(?=\\s)`, 'gi');

export interface LabelledValue {
	kind: LabelKind;
	label: string;
	value: string;
}

/** The labelled values of one row (cells separated by tabs); empty when the row holds no label. */
export function labelledValues(row: string): LabelledValue[] {
	const found = [...row.matchAll(LABEL)].map((match) => {
		const label = (match[1] ?? match[2])!;
		return { label, start: match.index + (match[0].startsWith('\t') ? 1 : 0), end: match.index + match[0].length };
	});
	// "日期" alone is a label only with its colon or at the start: "生产日期" in a heading is not a delivery date.
	return found.map(({ label, end }, index) => ({
		kind: KIND_OF.get(label.toLowerCase())!,
		label,
		value: row
			.slice(end, found[index + 1]?.start ?? row.length)
			.replace(/^[\s:：]+|[\s|｜]+$/g, '')
			.trim()
	}));
}

/** How a company's name ends: the seal's ring text or the next word that OCR joined on is cut after it. */
const COMPANY_END = /^.*?(有限责任公司|股份有限公司|有限公司|公司|商行|配送中心|合作社|经营部|门市部|批发部|批发市场|超市|食品厂|厂|店)/;
/** The words a seal adds around the name. */
const SEAL_WORDS = /(发货|财务|业务|合同|送货|出库)?专用章|公章/g;

/** A supplier's name as printed, without the seal's text or what OCR ran into it. */
export function cleanCompanyName(raw: string): string {
	const text = raw.replace(/\s/g, '').replace(SEAL_WORDS, '').replace(/[★☆*]/g, '');
	return text.match(COMPANY_END)?.[0] ?? text;
}

/** Whether a line looks like a company's name printed as a heading. */
export const isCompanyName = (text: string) => /(公司|商行|配送中心|合作社|经营部|门市部|批发部|厂|店)$/.test(cleanCompanyName(text)) && !/食堂|学校|幼儿园|养老院/.test(text);
