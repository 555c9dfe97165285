// Text pieces found by an OCR engine, put back into the rows of the printed ticket. Both engines return
// pieces with boxes (PP-OCR: one per run of text, tesseract: one per word); reading them row by row keeps
// a table row on one line, which parseTicket needs. Pure, unit-tested.

export interface TextPiece {
	text: string;
	/** Box corners in image pixels. */
	left: number;
	top: number;
	right: number;
	bottom: number;
	/** Slope of the text's baseline (dy/dx) where the engine knows it: a ticket photographed at an angle. */
	slope?: number;
}

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

/** One cell of a printed row: its text and where it sits across the page (image pixels). */
export interface TextCell {
	text: string;
	left: number;
	right: number;
}
export type TextRow = TextCell[];

/** A row as the cook reads it in the recognised text: cells separated by tabs. */
export const rowText = (row: TextRow) => row.map((cell) => cell.text).join('\t');

/**
 * Rows of cells, top to bottom. Pieces whose vertical middles lie within half a line of each other form
 * a row; within a row, a wide gap (more than one character height) starts a new cell (a table column),
 * a narrow one joins the pieces — with a space only between Latin letters or digits, since tesseract
 * cuts Chinese text into single characters. The cells keep their place across the page, which the
 * ticket reader needs to put each under its column's heading.
 */
export function rowsOf(pieces: TextPiece[]): TextRow[] {
	const kept = pieces.map((piece) => ({ ...piece, text: piece.text.trim() })).filter((piece) => piece.text !== '' && piece.bottom > piece.top);
	// Rows of a slanted ticket are slanted lines: compare heights along the page's typical slope.
	const slope = median(kept.filter((piece) => piece.slope !== undefined && piece.right - piece.left > 2 * (piece.bottom - piece.top)).map((piece) => piece.slope!));
	const levelled = (piece: TextPiece) => (piece.top + piece.bottom) / 2 - slope * ((piece.left + piece.right) / 2);
	// A slanted box is taller than its text by the slant over its width.
	const lineHeight = (piece: TextPiece) => Math.max(piece.bottom - piece.top - Math.abs(slope) * (piece.right - piece.left), (piece.bottom - piece.top) / 3);
	const sorted = kept.sort((a, b) => levelled(a) - levelled(b));
	const rows: TextPiece[][] = [];
	for (const piece of sorted) {
		const middle = levelled(piece);
		const row = rows.find((candidate) => {
			const height = median(candidate.map(lineHeight));
			const rowMiddle = median(candidate.map(levelled));
			return Math.abs(rowMiddle - middle) < Math.max(height, lineHeight(piece)) / 2;
		});
		if (row) row.push(piece);
		else rows.push([piece]);
	}
	return rows.map((row) => {
		row.sort((a, b) => a.left - b.left);
		const height = median(row.map(lineHeight));
		const cells: TextRow = [{ text: row[0]!.text, left: row[0]!.left, right: row[0]!.right }];
		for (let i = 1; i < row.length; i++) {
			const previous = row[i - 1]!;
			const piece = row[i]!;
			const cell = cells.at(-1)!;
			if (piece.left - previous.right > height) {
				cells.push({ text: piece.text, left: piece.left, right: piece.right });
				continue;
			}
			cell.text += (CJK.test(previous.text.at(-1)!) || CJK.test(piece.text[0]!) ? '' : ' ') + piece.text;
			cell.right = Math.max(cell.right, piece.right);
		}
		return cells;
	});
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
