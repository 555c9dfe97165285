// XLSX through write-excel-file (small, no dependencies but fflate): the header row bold, every other
// cell as the text or number the page shows.
import writeXlsxFile from 'write-excel-file/universal';
import type { Row } from './sheet';

export function xlsxBlob(rows: Row[], sheet: string): Promise<Blob> {
	const [header = [], ...body] = rows;
	const data = [header.map((value) => ({ value: String(value), fontWeight: 'bold' as const })), ...body.map((row) => row.map((value) => ({ value })))];
	// Sheet names: at most 31 characters, none of : \ / ? * [ ].
	return writeXlsxFile(data, { sheet: sheet.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) }).toBlob();
}
