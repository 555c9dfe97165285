import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type PocketBase from 'pocketbase';
import { DEFAULT_SETTINGS, localDateOf } from '$lib/domain';
import { KioskUploads } from '../fixtures/kiosk-upload';
import { chinaDate, createCanteenWithStaff, enrolKiosk, startTestServer, type CanteenFixture, type TestServer } from '../fixtures/server';

// Rules 30–31 through the sync route: the server makes the judgement the kiosk made.
let server: TestServer;
let canteen: CanteenFixture;
let kiosk: PocketBase;
let uploads: KioskUploads;

const HOUR = 3_600_000;
const ago = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();
const reading = (overrides: Record<string, unknown> = {}) => ({
	dish: '红烧肉',
	meal: 'lunch',
	kind: 'cooked',
	temperature_c: 78,
	measured_at: ago(3),
	cooked_at: '',
	measured_by: '陈静',
	reason: '',
	accepted_by: '',
	...overrides
});
const upload = async (fields: object) => (await uploads.upload('food_temperatures', fields)).result;

beforeAll(async () => {
	server = await startTestServer();
	canteen = await createCanteenWithStaff(server, { staff: { 陈静: {} } });
	({ pb: kiosk } = await enrolKiosk(server, canteen));
	uploads = new KioskUploads(kiosk, { canteen: canteen.canteen.id, device: kiosk.authStore.record!.id });
});

afterAll(async () => {
	await server?.dispose();
});

describe('the server re-checks cooking and holding temperatures (rules 30–31)', () => {
	it('refuses 69.9 °C without what was done, stores it with the reason and its own finding', async () => {
		const under = await upload(reading({ temperature_c: 69.9 }));
		expect(under.status).toBe('refused');
		expect(under.error!.data.reason!.message).toContain('请填写原因和确认人');
		const measuredAt = ago(3);
		const accepted = await upload(reading({ temperature_c: 69.9, measured_at: measuredAt, reason: '回锅加热至 80 ℃ 后出餐', accepted_by: '王建国', findings: [] }));
		expect(accepted.status).toBe('stored');
		expect(accepted.record!.findings).toEqual([{ code: 'food_temp.undercooked', params: { temperature: 69.9, min: 70 } }]);
		expect(accepted.record!.date).toBe(localDateOf(measuredAt, DEFAULT_SETTINGS.utcOffsetMinutes));
	});

	it('stores a cold-held dish at 0 °C as a real reading and refuses a holding reading without the cooking time', async () => {
		const cold = await upload(reading({ dish: '凉拌黄瓜', kind: 'held_cold', temperature_c: 0, cooked_at: ago(5), measured_at: ago(2) }));
		expect(cold.status).toBe('stored');
		expect(cold.record).toMatchObject({ temperature_c: 0, findings: [] });
		const noTime = await upload(reading({ kind: 'held_hot', temperature_c: 65, cooked_at: '' }));
		expect(noTime.error!.data.cooked_at!.code).toBe('required');
		const hot = await upload(reading({ kind: 'held_hot', temperature_c: 60, cooked_at: ago(4), measured_at: ago(1), reason: '移入保温台重新加热', accepted_by: '王建国' }));
		expect(hot.record!.findings).toEqual([{ code: 'food_temp.hot_holding_low', params: { temperature: 60, min: 60 } }]);
	});

	it('keeps every stored reading in the kiosk’s chain, which verifies, for the canteen’s administrators to read', async () => {
		const report = await server.superuser.send('/api/mingchu/ledger/verify', { query: { canteen: canteen.canteen.id, from: chinaDate(-1), to: chinaDate() } });
		expect(report.problems).toEqual([]);
		expect((await canteen.admin.collection('food_temperatures').getFullList()).length).toBe(3);
	});
});
