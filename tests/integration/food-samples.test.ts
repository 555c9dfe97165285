import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type PocketBase from 'pocketbase';
import { DEFAULT_SETTINGS, type FoodSampleInput } from '$lib/domain';
import { KitchenDb } from '$lib/db/schema';
import { createPocketBase } from '$lib/pb/client';
import type { Enrolment } from '$lib/pb/kiosk-api';
import { disposeFoodSample, recordFoodSample } from '$lib/repos/food-samples';
import { recordMorningCheck } from '$lib/repos/morning-checks';
import { SyncEngine } from '$lib/sync/engine';
import { KioskUploads } from '../fixtures/kiosk-upload';
import { cookForCheck, healthyCheck } from '../fixtures/morning-checks';
import { chinaDate, createCanteenWithStaff, enrolKiosk, startTestServer, type CanteenFixture, type TestServer } from '../fixtures/server';

let server: TestServer;
let canteen: CanteenFixture;
let kiosk: PocketBase;
let enrolment: Enrolment;

const HOUR = 3600_000;
const sample = (overrides: Partial<FoodSampleInput> = {}): FoodSampleInput => ({
	meal: 'lunch',
	dish: '番茄炒蛋',
	weight_g: 130,
	taken_at: new Date().toISOString(),
	taken_by: '李秀英',
	fridge: '留样专柜',
	...overrides
});

/** Direct uploads, as a kiosk (or anyone with its token) could send them, with valid chain places. */
let uploads: KioskUploads;
const upload = (collection: 'food_samples' | 'sample_disposals' | 'voids' | 'meal_closures', fields: object) => uploads.upload(collection, fields);

beforeAll(async () => {
	server = await startTestServer();
	canteen = await createCanteenWithStaff(server, { staff: { 李秀英: {} } });
	({ pb: kiosk, enrolment } = await enrolKiosk(server, canteen));
	uploads = new KioskUploads(kiosk, { canteen: canteen.canteen.id, device: enrolment.device.id });
});

afterAll(async () => {
	await server?.dispose();
});

describe('the server re-checks food samples, whoever sends them', () => {
	it('refuses 124 g with the reason in Chinese and English, stores 125 g with its day', async () => {
		const light = await upload('food_samples', sample({ weight_g: 124 }));
		expect(light.result.status).toBe('refused');
		expect(light.result.error!.data.weight_g!.message).toContain('留样 124 克不足 125 克');
		expect(light.result.error!.data.weight_g!.message).toContain('under the 125 g required');
		const enough = await upload('food_samples', sample({ weight_g: 125 }));
		expect(enough.result.status).toBe('stored');
		expect(enough.result.record).toMatchObject({ weight_g: 125, date: chinaDate() });
	});

	it('refuses throwing a sample away before 48 hours, and accepts it after', async () => {
		const taken = new Date(Date.now() - 48 * HOUR + 60_000).toISOString();
		const { record } = await upload('food_samples', sample({ taken_at: taken }));
		const early = await upload('sample_disposals', { sample: record.id, disposed_at: new Date().toISOString(), disposed_by: '王建国' });
		expect(early.result.status).toBe('refused');
		expect(early.result.error!.data.disposed_at!.message).toContain('留样只保存了 47 小时');
		const old = await upload('food_samples', sample({ taken_at: new Date(Date.now() - 49 * HOUR).toISOString() }));
		const onTime = await upload('sample_disposals', { sample: old.record.id, disposed_at: new Date().toISOString(), disposed_by: '王建国' });
		expect(onTime.result.status).toBe('stored');
		// Nobody can invent a sample to throw away.
		const unknown = await upload('sample_disposals', { sample: 'nosuchsample000', disposed_at: new Date().toISOString(), disposed_by: '王建国' });
		expect(unknown.result.error!.data.sample!.code).toBe('sample_not_found');
	});
});

describe('samples on the kiosk', () => {
	it('go up with morning checks in the order they were saved, in one chain that verifies', async () => {
		const second = await enrolKiosk(server, canteen);
		const db = new KitchenDb('food-samples-kiosk');
		const context = { db, settings: DEFAULT_SETTINGS, canteen: canteen.canteen.id, device: second.enrolment.device.id };
		const staff = canteen.staff['李秀英']!;
		const braised = await recordFoodSample({ ...context, input: sample({ dish: '红烧肉' }) });
		await recordMorningCheck({ ...context, staff: cookForCheck(staff), input: healthyCheck({ staff: staff.id }) });
		await recordFoodSample({ ...context, input: sample({ dish: '清炒时蔬' }) });
		if (!braised.ok) throw new Error('sample refused');
		const tooLight = await recordFoodSample({ ...context, input: sample({ weight_g: 80 }) });
		expect(tooLight).toEqual({ ok: false, errors: [{ field: 'weight_g', code: 'sample_too_light', params: { weight: 80, min: 125 } }] });
		// A sample taken two days ago on this tablet, thrown away now.
		const old = await recordFoodSample({ ...context, input: sample({ dish: '豆腐', taken_at: new Date(Date.now() - 50 * HOUR).toISOString() }) });
		if (!old.ok) throw new Error('sample refused');
		const tooEarly = await disposeFoodSample({ ...context, sample: braised.record, disposedBy: '王建国' });
		expect(tooEarly.ok).toBe(false);
		const disposal = await disposeFoodSample({ ...context, sample: old.record, disposedBy: '王建国' });
		expect(disposal.ok).toBe(true);

		const pb = createPocketBase({ baseUrl: server.server.url, authKey: 'food-samples-kiosk' });
		const engine = new SyncEngine({ db, pb, enrolment: second.enrolment, batchSize: 2 });
		expect(await engine.sync()).toEqual({ sent: 5, refused: 0 });
		const stored = await server.superuser.collection('food_samples').getFullList({ filter: `device = "${second.enrolment.device.id}"`, sort: 'seq' });
		expect(stored.map((s) => [s.seq, s.dish])).toEqual([
			[1, '红烧肉'],
			[3, '清炒时蔬'],
			[4, '豆腐']
		]);
		expect(await server.superuser.collection('sample_disposals').getFullList({ filter: `device = "${second.enrolment.device.id}"` })).toHaveLength(1);
		const report = await server.superuser.send('/api/mingchu/ledger/verify', { query: { canteen: canteen.canteen.id, from: chinaDate(), to: chinaDate() } });
		expect(report.problems.filter((p: { device: string }) => p.device === second.enrolment.device.id)).toEqual([]);

		// Another tablet of the kitchen sees the samples and what was thrown away.
		const otherDb = new KitchenDb('food-samples-other');
		const other = new SyncEngine({ db: otherDb, pb: createPocketBase({ baseUrl: server.server.url, authKey: 'other' }), enrolment });
		await other.sync();
		expect((await otherDb.food_samples.toArray()).map((s) => s.dish)).toEqual(expect.arrayContaining(['红烧肉', '清炒时蔬', '豆腐']));
		expect(await otherDb.sample_disposals.get(disposal.ok ? disposal.record.id : '')).toMatchObject({ sample: old.record.id, sync: 'synced' });
	});
});

describe('closing a meal (rule 4) on the server', () => {
	it('recomputes the unsampled dishes from the samples it holds, a voided one not counting', async () => {
		const rice = await upload('food_samples', sample({ dish: '米饭', meal: 'dinner' }));
		expect(rice.result.status).toBe('stored');
		const soup = await upload('food_samples', sample({ dish: '紫菜汤', meal: 'dinner' }));
		await upload('voids', { ledger: 'food_samples', record_id: soup.record.id, reason: '录错', voided_by: '李秀英', voided_at: new Date().toISOString() });
		const closure = { meal: 'dinner', date: chinaDate(), dishes: ['米饭', '紫菜汤'], closed_at: new Date().toISOString(), closed_by: '李秀英', reason: '', accepted_by: '' };
		// The kiosk claims every dish was sampled; the voided soup was not.
		const refused = await upload('meal_closures', closure);
		expect(refused.result.status).toBe('refused');
		expect(refused.result.error!.data.reason!.message).toContain('紫菜汤 没有留样');
		const accepted = await upload('meal_closures', { ...closure, reason: '汤的留样洒了', accepted_by: '王建国' });
		expect(accepted.result.status).toBe('stored');
		expect(accepted.result.record).toMatchObject({ findings: [{ code: 'samples.unsampled', params: { dishes: '紫菜汤' } }] });
	});
});
