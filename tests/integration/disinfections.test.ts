import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type PocketBase from 'pocketbase';
import { DEFAULT_SETTINGS, localDateOf, type DisinfectionInput } from '$lib/domain';
import { KitchenDb } from '$lib/db/schema';
import { createPocketBase } from '$lib/pb/client';
import type { Enrolment } from '$lib/pb/kiosk-api';
import { recordEntry } from '$lib/repos/ledger';
import { SyncEngine } from '$lib/sync/engine';
import { KioskUploads } from '../fixtures/kiosk-upload';
import { chinaDate, createCanteenWithStaff, enrolKiosk, startTestServer, type CanteenFixture, type TestServer } from '../fixtures/server';

let server: TestServer;
let canteen: CanteenFixture;
let kiosk: PocketBase;
let enrolment: Enrolment;

const run = (overrides: Partial<DisinfectionInput> = {}): DisinfectionInput => {
	const end = new Date();
	return {
		method: 'infrared',
		items: '餐盘、碗',
		quantity: 300,
		temperature_c: 125,
		concentration_mg_l: null,
		started_at: new Date(end.getTime() - 15 * 60_000).toISOString(),
		ended_at: end.toISOString(),
		operator: '陈静',
		reason: '',
		accepted_by: '',
		rinsed_at: '',
		solution_made_at: '',
		...overrides
	};
};
/** A chlorine soak as a careful cook records it: rinsed when it ended, in a solution made an hour before. */
const soak = (overrides: Partial<DisinfectionInput> = {}) => {
	const base = run({ method: 'chlorine', temperature_c: null, concentration_mg_l: 250 });
	return { ...base, rinsed_at: base.ended_at, solution_made_at: new Date(Date.parse(base.started_at) - 3_600_000).toISOString(), ...overrides };
};

let uploads: KioskUploads;
const upload = async (fields: DisinfectionInput) => (await uploads.upload('disinfections', fields)).result;

beforeAll(async () => {
	server = await startTestServer();
	canteen = await createCanteenWithStaff(server, { staff: { 陈静: {} } });
	({ pb: kiosk, enrolment } = await enrolKiosk(server, canteen));
	uploads = new KioskUploads(kiosk, { canteen: canteen.canteen.id, device: enrolment.device.id });
});

afterAll(async () => {
	await server?.dispose();
});

describe('the server re-checks disinfection records', () => {
	it('stores a run that meets the minimum, with no findings', async () => {
		const infrared = run();
		const result = await upload(infrared);
		expect(result.status).toBe('stored');
		// Filed under the day it started (just before midnight, that is yesterday).
		expect(result.record).toMatchObject({ findings: [], date: localDateOf(infrared.started_at, DEFAULT_SETTINGS.utcOffsetMinutes) });
	});

	it('decides 0.4 s short of ten minutes as short, as the kiosk does (issue 15)', async () => {
		const end = new Date();
		const almost = run({ started_at: new Date(end.getTime() - 599_600).toISOString(), ended_at: end.toISOString() });
		expect((await upload(almost)).status).toBe('refused');
		const stored = await upload({ ...almost, reason: '提前开柜，已补足时间', accepted_by: '王建国' });
		expect(stored.record!.findings).toEqual([{ code: 'disinfection.too_short', params: { seconds: 599, min: 600 } }]);
	});

	it('refuses a run below the minimum without a reason (REASON), stores it with one, and keeps its own findings', async () => {
		const cool = run({ temperature_c: 110 });
		const refused = await upload(cool);
		expect(refused.status).toBe('refused');
		expect(refused.error!.data.reason!.message).toContain('未达到消毒要求：请填写原因和确认人后再保存');
		const accepted = await upload({ ...cool, reason: '柜门未关严，已重新消毒一次', accepted_by: '王建国' });
		expect(accepted.status).toBe('stored');
		expect(accepted.record!.findings).toEqual([{ code: 'disinfection.too_cool', params: { temperature: 110, min: 120 } }]);
	});
});

describe('disinfection on the kiosk', () => {
	it('goes up in the kiosk’s chain and verifies, a chlorine soak without a temperature included', async () => {
		const second = await enrolKiosk(server, canteen);
		const db = new KitchenDb('disinfection-kiosk');
		const context = { db, settings: DEFAULT_SETTINGS, canteen: canteen.canteen.id, device: second.enrolment.device.id };
		const soaked = await recordEntry('disinfections', { context, refs: {}, input: soak() });
		const weak = await recordEntry('disinfections', { context, refs: {}, input: soak({ concentration_mg_l: 200 }) });
		expect(weak).toEqual({ ok: false, errors: [{ field: 'reason', code: 'reason_required' }, { field: 'accepted_by', code: 'reason_required' }] });
		expect(soaked.ok).toBe(true);
		const engine = new SyncEngine({ db, pb: createPocketBase({ baseUrl: server.server.url, authKey: 'disinfection' }), enrolment: second.enrolment });
		expect(await engine.sync()).toEqual({ sent: 1, refused: 0 });
		const report = await server.superuser.send('/api/mingchu/ledger/verify', { query: { canteen: canteen.canteen.id, from: chinaDate(), to: chinaDate() } });
		expect(report.problems).toEqual([]);
		expect(report.checked).toBeGreaterThanOrEqual(4);
	});
});

describe('the server re-checks a chlorine soak’s rinse and solution (rules 17–18)', () => {
	it('refuses a soak without its rinse unless a reason is given, and stores an old solution with a warning only', async () => {
		const unrinsed = await upload(soak({ rinsed_at: '' }));
		expect(unrinsed.status).toBe('refused');
		expect(unrinsed.error!.data.reason!.code).toBe('reason_required');
		const old = await upload(soak({ solution_made_at: new Date(Date.now() - 6 * 3_600_000).toISOString() }));
		expect(old.status).toBe('stored');
		expect(old.record!.findings).toEqual([{ code: 'disinfection.solution_old', params: { hours: expect.any(Number), max: 4 } }]);
		const backwards = await upload(soak({ rinsed_at: new Date(Date.now() - 20 * 60_000).toISOString() }));
		expect(backwards.error!.data.rinsed_at!.message).toContain('冲洗时间不能早于浸泡结束');
		const report = await server.superuser.send('/api/mingchu/ledger/verify', { query: { canteen: canteen.canteen.id, from: chinaDate(), to: chinaDate() } });
		expect(report.problems).toEqual([]);
	});
});

describe('the server re-checks cold storage readings', () => {
	it('refuses a warm freezer without the corrective action, stores 0 °C in a fridge as a real reading', async () => {
		const send = async (fields: Record<string, unknown>) =>
			(await uploads.upload('cold_readings', { read_at: new Date().toISOString(), read_by: '陈静', reason: '', accepted_by: '', ...fields })).result;
		const warm = await send({ unit: '冷冻柜', kind: 'freezer', temperature_c: -8 });
		expect(warm.status).toBe('refused');
		expect(warm.error!.data.reason!.message).toContain('请填写纠正措施和确认人');
		const zero = await send({ unit: '冷藏柜', kind: 'refrigerator', temperature_c: 0 });
		expect(zero.status).toBe('stored');
		expect(zero.record).toMatchObject({ temperature_c: 0, findings: [] });
		const report = await server.superuser.send('/api/mingchu/ledger/verify', { query: { canteen: canteen.canteen.id, from: chinaDate(), to: chinaDate() } });
		expect(report.problems).toEqual([]);
	});
});
