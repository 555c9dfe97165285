import { describe, expect, it } from 'vitest';
import { rowText, rowsOf, type TextPiece } from './ocr-layout';

const piece = (text: string, left: number, top: number, width: number, height = 20, slope?: number): TextPiece => ({ text, left, top, right: left + width, bottom: top + height, slope });

describe('putting OCR pieces back into ticket rows', () => {
	it('keeps a table row on one line with cells separated by tabs, top to bottom', () => {
		const rows = rowsOf([
			piece('鸡蛋', 10, 62, 40),
			piece('6', 200, 60, 10),
			piece('猪后腿肉', 10, 30, 80),
			piece('20', 200, 31, 20),
			piece('kg', 260, 29, 20)
		]);
		expect(rows.map(rowText)).toEqual(['猪后腿肉\t20\tkg', '鸡蛋\t6']);
		// Each cell keeps its place across the page, for the ticket reader's columns.
		expect(rows[0]!.map((cell) => [cell.left, cell.right])).toEqual([[10, 90], [200, 220], [260, 280]]);
	});

	it('joins Chinese characters that tesseract cut apart, and keeps a space between Latin words', () => {
		expect(rowsOf([piece('供', 10, 10, 20), piece('货', 32, 10, 20), piece('单位', 54, 10, 40), piece('MA00', 200, 10, 40), piece('0000', 244, 10, 40)]).map(rowText)).toEqual(['供货单位\tMA00 0000']);
	});

	it('reads the rows of a ticket photographed at a slant', () => {
		// Each row falls 10 px over 100 px; the second row's right end is higher than the first row's left.
		const slope = 0.1;
		const rows = rowsOf([
			piece('猪后腿肉', 0, 100, 80, 28, slope),
			piece('20kg', 300, 130, 60, 26, slope),
			piece('鸡蛋', 0, 130, 40, 24, slope),
			piece('6盒', 300, 160, 40, 24, slope)
		]);
		expect(rows.map(rowText)).toEqual(['猪后腿肉\t20kg', '鸡蛋\t6盒']);
	});
});
