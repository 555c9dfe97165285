// Tables as files people open: CSV that Excel and WPS read as UTF-8 (the byte-order mark), and the
// rows that both CSV and XLSX are made from.
export type Cell = string | number;
export type Row = Cell[];

function csvCell(value: Cell): string {
	const text = String(value);
	// A cell starting with = + - @ would be run as a formula by a spreadsheet: keep it text.
	const safe = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
	return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvOf(rows: Row[]): string {
	return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export function csvBlob(rows: Row[]): Blob {
	return new Blob(['\ufeff', csvOf(rows)], { type: 'text/csv;charset=utf-8' });
}

/** Saves a file the way a browser downloads one. */
export function download(blob: Blob, name: string) {
	const url = URL.createObjectURL(blob);
	const link = document.createElement('a');
	link.href = url;
	link.download = name;
	document.body.append(link);
	link.click();
	link.remove();
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
