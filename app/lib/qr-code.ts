// QR codes drawn on the page (sample labels, kiosk enrolment), loaded through $lib/lazy.
import QRCode from 'qrcode';

/** `text` as a QR code image (PNG data URL) `width` pixels wide. */
export const qrDataUrl = (text: string, width: number): Promise<string> => QRCode.toDataURL(text, { margin: 1, width });
