// A canteen's own settings: its administrators set times and names under the version rule; the rule
// book's thresholds stay as they were.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientResponseError } from 'pocketbase';
import { operationalSettingsOf, resolveSettings, type OperationalSettings } from '$lib/domain';
import { createCanteenWithStaff, enrolKiosk, startTestServer, type CanteenFixture, type TestServer } from '../fixtures/server';

let server: TestServer;
let canteen: CanteenFixture;

const defaults = operationalSettingsOf(resolveSettings({ type: 'school' }));
const save = (pb: CanteenFixture['admin'], version: number, settings: OperationalSettings, id = canteen.canteen.id) =>
	pb.send(`/api/mingchu/canteens/${id}/settings`, { method: 'POST', body: { version, settings } });
const status = (promise: Promise<unknown>) => promise.then(() => 200, (e: ClientResponseError) => e.status);

beforeAll(async () => {
	server = await startTestServer();
	canteen = await createCanteenWithStaff(server);
	await server.superuser.collection('canteens').update(canteen.canteen.id, { settings: { samples: { minWeightG: 150 } } });
});

afterAll(async () => {
	await server?.dispose();
});

describe('canteen settings', () => {
	it('stores the times and the additives keeper, keeps the thresholds, and refuses an edit on an older version', async () => {
		const saved = await save(canteen.admin, 0, { ...defaults, lunchEnds: '12:30', dinnerEnds: '', additiveKeeper: '王建国' });
		expect(saved).toMatchObject({ version: 1, settings: { lunchEnds: '12:30', dinnerEnds: '', additiveKeeper: '王建国' } });
		const stored = await server.superuser.collection('canteens').getOne(canteen.canteen.id);
		const settings = resolveSettings({ type: 'school', overrides: stored.settings });
		expect(settings.samples.minWeightG).toBe(150);
		expect(settings.schedule.meals.lunch).toBe('12:30');
		expect(await status(save(canteen.admin, 0, { ...defaults, lunchEnds: '11:00' }))).toBe(409);
	});

	it('refuses a time that is not one, in Chinese and English', async () => {
		const error = (await save(canteen.admin, 1, { ...defaults, wasteBy: '8pm' }).catch((e) => e)) as ClientResponseError;
		expect(error.status).toBe(400);
		expect(error.response.data.wasteBy.message).toContain('请填写 时:分，例如 13:00 / Give a time as HH:MM');
	});

	it('is open only to the canteen’s own administrators', async () => {
		const other = await createCanteenWithStaff(server, { name: '别的食堂' });
		expect(await status(save(other.admin, 1, defaults))).toBe(404);
		const { pb: kiosk } = await enrolKiosk(server, canteen);
		expect(await status(save(kiosk, 1, defaults))).toBe(403);
	});
});
