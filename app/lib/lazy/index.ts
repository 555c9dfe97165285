// Modules the kiosk needs only on one page, kept out of the one bundle that every start parses (issue
// 16: first-load JS ≤ 170 KiB). Each `*.lazy.ts` file is built by Vite as a file of its own (the
// `?worker&url` import: bundled, hashed, precached with the app shell like the OCR worker), imported
// when first used, and hands its module over under a name (a worker build keeps no exports); the
// `import()` of a URL is left to the browser, so the one-bundle build cannot inline it.
import ticketUrl from '../scan/ticket.lazy.ts?worker&url';
import qrCodeUrl from '../qr-code.lazy.ts?worker&url';
import signaturePadUrl from '../components/waste/signature-pad.lazy.ts?worker&url';
import englishUrl from '../i18n/en.lazy.ts?worker&url';
import adminMessagesUrl from '../i18n/admin.lazy.ts?worker&url';
import spreadsheetUrl from '../export/spreadsheet.lazy.ts?worker&url';
import chartsUrl from '../charts/trends.lazy.ts?worker&url';

import { key, type LazyName } from './provide';

async function load<T>(name: LazyName, url: string): Promise<T> {
	await import(/* @vite-ignore */ url);
	return (globalThis as Record<symbol, unknown>)[key(name)] as T;
}

/** Reading supplier tickets (payloads, table reader, goods names): the purchases page. */
export const ticketReader = () => load<typeof import('../scan/ticket')>('ticket', ticketUrl);
/** Drawing QR codes (sample labels, kiosk enrolment). */
export const qrCode = () => load<typeof import('../qr-code')>('qr-code', qrCodeUrl);
/** The waste collector's signature. */
export const signaturePad = () => load<typeof import('signature_pad')>('signature-pad', signaturePadUrl);
/** English messages: Chinese is the kiosk's language and stays in the bundle. */
export const englishMessages = () => load<typeof import('../i18n/en')>('english', englishUrl);
/** The administration's own messages (oversight, alerts, devices), in both languages. */
export const adminMessages = () => load<{ zhCN: typeof import('../i18n/admin.zh-CN').default; en: typeof import('../i18n/admin.en').default }>('admin-messages', adminMessagesUrl);
/** Writing XLSX files (the administration's exports). */
export const spreadsheet = () => load<typeof import('../export/spreadsheet')>('spreadsheet', spreadsheetUrl);
/** The dashboard's trend charts (ECharts). */
export const charts = () => load<typeof import('../charts/trends')>('charts', chartsUrl);
