// 补录: the server marks records entered long after the event or on a tablet whose clock is off, and
// refuses an event dated after its own entry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KioskUploads } from '../fixtures/kiosk-upload';
import { chinaDate, createCanteenWithStaff, enrolKiosk, startTestServer, type TestServer } from '../fixtures/server';

let server: TestServer;
let kiosk: KioskUploads;
let canteenId: string;

const MINUTE = 60_000;
const ago = (minutes: number) => new Date(Date.now() - minutes * MINUTE).toISOString();
const reading = (read_at: string, entered_at: string) => ({
	unit: '冷藏柜',
	kind: 'refrigerator',
	temperature_c: 4,
	read_at,
	read_by: '陈静',
	reason: '',
	accepted_by: '',
	entered_at
});

beforeAll(async () => {
	server = await startTestServer();
	const canteen = await createCanteenWithStaff(server, { staff: { 陈静: {} } });
	const { pb, enrolment } = await enrolKiosk(server, canteen);
	canteenId = canteen.canteen.id;
	kiosk = new KioskUploads(pb, { canteen: canteenId, device: enrolment.device.id });
});

afterAll(async () => {
	await server?.dispose();
});

describe('补录 late entries on the server', () => {
	it('marks a reading written down three hours after it was taken, not one written down at once', async () => {
		const now = new Date().toISOString();
		const late = await kiosk.upload('cold_readings', reading(ago(180), now), { device_time: now });
		expect(late.result.status).toBe('stored');
		expect(late.result.record).toMatchObject({ late: [{ code: 'late.entry', params: { hours: 3 } }] });
		const prompt = await kiosk.upload('cold_readings', reading(ago(1), now), { device_time: now });
		expect(prompt.result.record).toMatchObject({ late: [] });
	});

	it('marks everything a tablet sends while its clock is ten minutes slow', async () => {
		const tabletNow = ago(10);
		const { result } = await kiosk.upload('cold_readings', reading(tabletNow, tabletNow), { device_time: tabletNow });
		expect(result.status).toBe('stored');
		expect(result.record).toMatchObject({ late: [{ code: 'late.device_clock', params: { minutes: 10 } }] });
	});

	it('refuses a reading dated after it was written down, in Chinese and English', async () => {
		const now = new Date().toISOString();
		const { result } = await kiosk.upload('cold_readings', reading(new Date(Date.now() + 30 * MINUTE).toISOString(), now), { device_time: now });
		expect(result.status).toBe('refused');
		expect(result.error!.data.read_at!.message).toContain('发生时间不能晚于现在');
		expect(result.error!.data.read_at!.message).toContain('cannot be later than now');
	});

	it('keeps the ledger verifiable with the marks sealed in', async () => {
		const report = await server.superuser.send('/api/mingchu/ledger/verify', { query: { canteen: canteenId, from: chinaDate(-1), to: chinaDate() } });
		expect(report.problems).toEqual([]);
		expect(report.checked).toBeGreaterThanOrEqual(4);
	});
});
