import { describe, expect, it } from 'vitest';
import { certificateStatus } from './health-certificate';

const status = (certificate: Parameters<typeof certificateStatus>[0]['certificate'], today = '2026-11-22') =>
	certificateStatus({ certificate, today, warnDays: 30 });

describe('health certificate status', () => {
	it('is valid for one year from issue when no expiry date is written on it', () => {
		expect(status({ number: 'A', issued: '2026-01-10' })).toEqual({ state: 'valid', validUntil: '2027-01-09', daysLeft: 48 });
		expect(status({ number: 'A', issued: '2025-11-23' })).toMatchObject({ state: 'expiring', validUntil: '2026-11-22', daysLeft: 0 });
		expect(status({ number: 'A', issued: '2025-11-22' })).toMatchObject({ state: 'expired', validUntil: '2026-11-21', daysLeft: -1 });
	});

	it('prefers the expiry date printed on the certificate', () => {
		expect(status({ number: 'A', issued: '2026-11-01', expires: '2026-12-01' })).toMatchObject({ state: 'expiring', daysLeft: 9 });
	});

	it('counts a certificate without a number or dates as missing', () => {
		expect(status({ number: '', issued: '2026-11-01' })).toEqual({ state: 'missing' });
		expect(status({ number: 'A' })).toEqual({ state: 'missing' });
		expect(status({ number: 'A', issued: 'not a date' })).toEqual({ state: 'missing' });
	});

	it('crosses a leap day correctly', () => {
		expect(status({ number: 'A', issued: '2027-03-01' }, '2028-02-29')).toMatchObject({ state: 'expiring', validUntil: '2028-02-29', daysLeft: 0 });
	});
});
