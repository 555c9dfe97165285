// The goods table of a delivery note, read by its header: the header row names the columns (品名, 规格,
// 数量, 单位, 单价, 金额, 生产日期, 批号 …) and where they sit; each cell of a goods row goes to the column
// it lies under, and where OCR ran cells together (a thermal receipt prints a row as one line), the
// pieces go to the columns in order, each where it fits (a date under 生产日期, a number under 数量 —
// and a second number under 单价, never into the quantity). Pure, unit-tested through ticket.test.ts.
import type { TextCell, TextRow } from './ocr-layout';

export type Column =
	| 'index'
	| 'name'
	| 'spec'
	| 'quantity'
	| 'unit'
	| 'price'
	| 'amount'
	| 'production_date'
	| 'production_or_batch'
	| 'shelf_life'
	| 'batch'
	| 'expiry'
	| 'barcode'
	| 'origin'
	| 'remark'
	| 'category';

const HEADINGS: [Column, string[]][] = [
	['index', ['序号', '行号', 'No.', 'NO.', 'No', 'NO']],
	['name', ['商品名称', '货品名称', '产品名称', '物品名称', '食品名称', '品名', '名称', '品 名']],
	['spec', ['规格型号', '包装规格', '规格', '型号']],
	['quantity', ['实发数量', '实收数量', '送货数量', '发货数量', '数量']],
	['unit', ['计量单位', '单位']],
	['price', ['含税单价', '单价']],
	['amount', ['含税金额', '金额', '小计', '总价']],
	['production_or_batch', ['生产日期/批号', '生产日期或批号', '批号/生产日期']],
	['production_date', ['生产日期', '加工日期', '生产/加工日期', '包装日期']],
	['shelf_life', ['保质期']],
	['batch', ['生产批号', '批次号', '批号', '批次']],
	['expiry', ['有效期至', '有效期', '到期日', '失效日期']],
	['barcode', ['商品条码', '条形码', '条码']],
	['origin', ['产地']],
	['remark', ['备注']],
	['category', ['类别', '品类']]
];
const HEADING_WORDS = HEADINGS.flatMap(([column, words]) => words.map((word) => ({ column, word: word.replace(/\s/g, '') }))).sort((a, b) => b.word.length - a.word.length);

export interface Heading {
	column: Column;
	/** Where the heading sits across the page. */
	left: number;
	right: number;
	/** A unit printed in the heading, "数量(kg)", for a table without a unit column. */
	unit?: string;
}

/** Width of a character in a line of print, in units of a Latin letter: a Chinese character is two. */
const widthOf = (character: string) => (/[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(character) ? 2 : 1);

/** The cell's words (split at spaces), each placed across the page in proportion to its characters. */
function wordsOf(cell: TextCell): TextCell[] {
	const characters = [...cell.text];
	const total = characters.reduce((sum, c) => sum + widthOf(c), 0) || 1;
	const scale = (cell.right - cell.left) / total;
	const words: TextCell[] = [];
	let at = 0;
	let word: TextCell | undefined;
	for (const character of characters) {
		const width = widthOf(character);
		if (/\s/.test(character)) word = undefined;
		else if (word) {
			word.text += character;
			word.right = cell.left + (at + width) * scale;
		} else {
			word = { text: character, left: cell.left + at * scale, right: cell.left + (at + width) * scale };
			words.push(word);
		}
		at += width;
	}
	return words;
}

/** Packaging words printed as (or next to) the specification; OCR often joins them to the name. */
export const PACKAGING = '散装|袋装|盒装|箱装|瓶装|桶装|简装|冷冻|冷鲜';

/**
 * The cells of text that OCR ran together (PP-OCR drops the spaces of a receipt's line: "西红柿散装
 * 39.6斤4.25168.30"), told apart by what each kind of cell looks like: a packaging word or a
 * "500g/盒" specification, a quantity with its unit, a date, a shelf life, a batch, prices with two
 * decimals.
 */
const RUN_TOGETHER: RegExp[] = [
	/\d{4}[-/.,年]\d{1,2}[-/.,月]\d{1,2}日?/y,
	/20\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?=\D|$|\d{1,4}(?:天|个月|月|年))/y,
	new RegExp(`(?:${PACKAGING})`, 'y'),
	// One character after the slash: "25kg/袋袋" is the specification and the unit column's 袋.
	/\d+(?:\.\d+)?(?:[a-zA-Z]+|[枚个只片克斤升])(?:[*×xX]\d+[\u4e00-\u9fff]?)?\/[\u4e00-\u9fff]/y,
	/\d+(?:\.\d+)?(?:个月|天|年)/y,
	/\d+(?:\.\d+)?(?:kg|KG|Kg|g|ml|mL|L|l|[\u4e00-\u9fff])/y,
	/\d+\.\d{2}/y,
	/[A-Z]{1,4}\d{3,}[A-Z]?/y,
	/\d+(?:\.\d+)?/y,
	new RegExp(`[\\u4e00-\\u9fff]+?(?=${PACKAGING}|\\d|$)`, 'y')
];

function splitJoined(word: TextCell): TextCell[] {
	const parts: string[] = [];
	let at = 0;
	while (at < word.text.length) {
		let taken = '';
		for (const pattern of RUN_TOGETHER) {
			pattern.lastIndex = at;
			taken = pattern.exec(word.text)?.[0] ?? '';
			if (taken) break;
		}
		// Anything else joins the part before it.
		if (!taken) {
			taken = word.text[at]!;
			if (parts.length > 0 && !/^[\d.]/.test(taken)) {
				parts[parts.length - 1] += taken;
				at += taken.length;
				continue;
			}
		}
		parts.push(taken);
		at += taken.length;
	}
	if (parts.length <= 1) return [word];
	const units = (text: string) => [...text].reduce((sum, c) => sum + widthOf(c), 0);
	const scale = (word.right - word.left) / Math.max(1, units(word.text));
	let left = word.left;
	return parts.map((text) => {
		const cell = { text, left, right: left + units(text) * scale };
		left = cell.right;
		return cell;
	});
}

/**
 * The columns named by `row`, if it is a table's header row: three headings or more, one of them the
 * goods' name. Headings run together by OCR ("品名规格数量") are told apart by the vocabulary.
 */
export function headingsOf(row: TextRow): Heading[] | undefined {
	const headings: Heading[] = [];
	for (const word of row.flatMap(wordsOf)) {
		// "单价(元)", "数量（kg）": the bracket tells the unit, not the column.
		const bracket = word.text.normalize('NFKC').match(/\(([^)]*)\)?/);
		const text = word.text.normalize('NFKC').replace(/\([^)]*\)?/g, '');
		const scale = (word.right - word.left) / Math.max(1, [...word.text].reduce((sum, c) => sum + widthOf(c), 0));
		let at = 0;
		let position = 0;
		while (position < text.length) {
			const found = HEADING_WORDS.find(({ word: heading }) => text.startsWith(heading, position));
			const width = [...(found?.word ?? text[position]!)].reduce((sum, c) => sum + widthOf(c), 0);
			if (found) headings.push({ column: found.column, left: word.left + at * scale, right: word.left + (at + width) * scale });
			position += found?.word.length ?? 1;
			at += width;
		}
		if (bracket && headings.at(-1)?.column === 'quantity' && /^[a-zA-Z\u4e00-\u9fff]{1,3}$/.test(bracket[1]!)) headings.at(-1)!.unit = bracket[1];
	}
	const columns = new Set(headings.map((heading) => heading.column));
	if (columns.size < 3 || !columns.has('name') || columns.size < headings.length - 1) return undefined;
	return headings;
}

// OCR sometimes reads a date's dash as a space ("2026 11-30").
const DATE = /^(\d{4})\s*[-/.,年\s]\s*(\d{1,2})\s*[-/.,月\s]\s*(\d{1,2})日?$/;
const COMPACT_DATE = /^(20\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/;
const NUMBER = /^\d+(?:\.\d+)?$/;
const NUMBER_WITH_UNIT = /^\d+(?:\.\d+)?\s*[a-zA-Z\u4e00-\u9fff]{1,3}$/;
const SHELF_LIFE = /^\d+(?:\.\d+)?\s*(天|日|个月|月|年|days?|months?|years?)$/i;
const BATCH = /^(?=.*\d)[A-Z0-9][A-Z0-9-]{3,}$/i;
const HAS_WORD = /[a-zA-Z\u4e00-\u9fff]/;
const SPEC = new RegExp(`[/*×xX]|${PACKAGING}|鲜`, 'i');
/** "5kg" alone may be a specification or a quantity with its unit. */
const SPEC_OR_AMOUNT = /^\d+(?:\.\d+)?\s*(kg|g|千克|克|斤|l|ml|升|毫升|枚|个|只|片|包|袋|瓶|盒|桶|箱)$/i;
const isDate = (text: string) => DATE.test(text) || COMPACT_DATE.test(text);

/** How well `text` fits under `column`: positive fits, negative does not. */
function fit(text: string, column: Column): number {
	switch (column) {
		case 'index':
			return /^\d{1,3}$/.test(text) ? 2 : -5;
		case 'name':
			return /[\u4e00-\u9fff]/.test(text) && !isDate(text) && !SHELF_LIFE.test(text) && !NUMBER_WITH_UNIT.test(text) ? 2 : HAS_WORD.test(text) && !BATCH.test(text) ? 0 : -5;
		case 'spec':
			return SPEC.test(text) ? 2 : SPEC_OR_AMOUNT.test(text) ? 0.5 : NUMBER.test(text) || isDate(text) ? -3 : 0.2;
		case 'quantity':
			// Two decimals are how prices print; a quantity rarely has them.
			return /^\d+\.\d{2}$/.test(text) ? 1 : NUMBER.test(text) || (NUMBER_WITH_UNIT.test(text) && !SHELF_LIFE.test(text)) ? 2 : -5;
		case 'unit':
			return /^[a-zA-Z\u4e00-\u9fff]{1,3}$/.test(text) && !BATCH.test(text) ? 2 : -5;
		case 'price':
		case 'amount':
			return /^[¥￥]?\d+(?:\.\d+)?(元)?$/.test(text) ? 1.5 : -5;
		case 'production_date':
			return isDate(text) ? 3 : BATCH.test(text) ? 0.5 : -5;
		case 'production_or_batch':
			return isDate(text) ? 3 : BATCH.test(text) ? 2 : -5;
		case 'shelf_life':
			return SHELF_LIFE.test(text) ? 3 : /^\d{1,4}$/.test(text) ? 0.5 : -5;
		case 'batch':
			return BATCH.test(text) && !DATE.test(text) ? 2 : -4;
		case 'expiry':
			return isDate(text) ? 3 : -5;
		case 'barcode':
			return /^\d{8,14}$/.test(text) ? 3 : -5;
		default:
			return HAS_WORD.test(text) ? 0.3 : -1;
	}
}

/** Columns whose cell OCR may split at a space ("猪 后腿肉", "30枚 /盒"): several pieces may go there. */
const JOINABLE = new Set<Column>(['name', 'spec', 'origin', 'remark']);
/** What leaving a piece of text unplaced costs: more than a poor fit, less than a wrong one. */
const DROPPED = -3;

/**
 * The row's cells under `headings`: each text piece placed in a column, in order, so that the sum of
 * how well each fits its column and how near it sits to its heading is greatest (dynamic programming
 * over pieces × columns; a ticket row has a dozen of each).
 */
export function cellsUnder(row: TextRow, headings: Heading[]): Partial<Record<Column, string>> {
	const columns = [...headings].sort((a, b) => a.left + a.right - b.left - b.right);
	const centres = columns.map((heading) => (heading.left + heading.right) / 2);
	// A column reaches halfway to its neighbours.
	const bounds = columns.map((_, index) => ({
		from: index === 0 ? -Infinity : (centres[index - 1]! + centres[index]!) / 2,
		to: index === columns.length - 1 ? Infinity : (centres[index]! + centres[index + 1]!) / 2
	}));
	const columnAt = (x: number) => bounds.findIndex((bound) => x >= bound.from && x < bound.to);
	// A cell that lies under one column stays whole; one that spans several is split at its spaces and
	// where a name runs into its specification ("猪后腿肉散装", "大豆油5L/桶": narrow table columns).
	const pieces = row.flatMap((cell) => {
		const from = columnAt(cell.left + (cell.right - cell.left) * 0.15);
		const to = columnAt(cell.right - (cell.right - cell.left) * 0.15);
		return from === to ? [cell] : wordsOf(cell).flatMap(splitJoined);
	});
	const near = (piece: TextCell, column: number) => {
		const centre = (piece.left + piece.right) / 2;
		const { from, to } = bounds[column]!;
		if (centre >= from && centre < to) return 1;
		const width = Math.max(1, (Number.isFinite(to) ? to : centres[column]! * 2 - from) - (Number.isFinite(from) ? from : 0));
		return -Math.min(2, Math.min(Math.abs(centre - from), Math.abs(centre - to)) / width);
	};
	const score = (piece: TextCell, column: number) => fit(piece.text, columns[column]!.column) + near(piece, column);
	const n = pieces.length;
	const m = columns.length;
	// best[i][j]: the greatest sum for pieces i… placed in columns j…, and the choice that gives it.
	const best: { value: number; take: number; column: number }[][] = Array.from({ length: n + 1 }, () => Array.from({ length: m + 1 }, () => ({ value: 0, take: 0, column: -1 })));
	for (let i = n; i >= 0; i--) {
		for (let j = m; j >= 0; j--) {
			if (i === n) continue;
			if (j === m) {
				best[i]![j] = { value: DROPPED * (n - i), take: 0, column: -1 };
				continue;
			}
			let choice = { value: DROPPED + best[i + 1]![j]!.value, take: 1, column: -1 };
			if (best[i]![j + 1]!.value > choice.value) choice = { value: best[i]![j + 1]!.value, take: 0, column: -1 };
			let sum = 0;
			for (let k = i; k < n && (k === i || JOINABLE.has(columns[j]!.column)); k++) {
				sum += score(pieces[k]!, j) - (k > i ? 1.5 : 0);
				const value = sum + best[k + 1]![j + 1]!.value;
				if (value > choice.value) choice = { value, take: k - i + 1, column: j };
			}
			best[i]![j] = choice;
		}
	}
	const cells: Partial<Record<Column, string>> = {};
	let i = 0;
	let j = 0;
	while (i < n && j <= m) {
		const choice = best[i]![j]!;
		if (choice.column >= 0) {
			const column = columns[choice.column]!.column;
			const text = pieces.slice(i, i + choice.take).map((piece) => piece.text);
			cells[column] = text.join(/[\u4e00-\u9fff]$/.test(text[0]!) ? '' : ' ');
			i += choice.take;
			j = choice.column + 1;
		} else if (choice.take === 1) i++;
		else j++;
	}
	return cells;
}

export const compactDate = (text: string) => text.match(COMPACT_DATE)?.slice(1, 4).join('-');
