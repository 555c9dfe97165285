import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusal } from '../fixtures/api';
import type PocketBase from 'pocketbase';
import { newRecordId } from '$lib/db/ids';
import { checkForServer } from '../fixtures/morning-checks';
import { chinaDate, createCanteenWithStaff, enrolKiosk, startTestServer, type CanteenFixture, type TestServer } from '../fixtures/server';

let server: TestServer;
let canteen: CanteenFixture;
let other: CanteenFixture;
let kiosk: PocketBase;
let device: string;

function check(overrides: Record<string, unknown> = {}) {
	return checkForServer({ id: newRecordId(), canteen: canteen.canteen.id, device, staff: canteen.staff['李秀英']!.id, ...overrides });
}

beforeAll(async () => {
	server = await startTestServer();
	canteen = await createCanteenWithStaff(server, {
		staff: { 李秀英: {}, 张伟: { certificate_expires: chinaDate(-1) } }
	});
	other = await createCanteenWithStaff(server, { name: '别的食堂', staff: { 陈静: {} } });
	({ pb: kiosk } = await enrolKiosk(server, canteen));
	device = kiosk.authStore.record!.id;
});

afterAll(async () => {
	await server?.dispose();
});

describe('the server re-checks every morning check', () => {
	it('refuses 55 °C with a field error in Chinese and English', async () => {
		const error = await refusal(kiosk.collection('morning_checks').create(check({ temperature: 55 })));
		expect(error.status).toBe(400);
		expect(error.response.data.temperature.code).toBe('temperature_out_of_range');
		expect(error.response.data.temperature.message).toContain('体温 55 ℃ 超出可测范围（34–42.5 ℃）');
		expect(error.response.data.temperature.message).toContain('outside the measurable range');
	});

	it('refuses a staff member of another canteen, or one that does not exist', async () => {
		for (const staff of [other.staff['陈静']!.id, 'nosuchstaff0000']) {
			const error = await refusal(kiosk.collection('morning_checks').create(check({ staff })));
			expect(error.response.data.staff.code).toBe('staff_not_found');
			expect(error.response.data.staff.message).toContain('员工不存在或不属于本食堂');
		}
	});

	it('refuses a failed hygiene item without the correction made', async () => {
		const error = await refusal(kiosk.collection('morning_checks').create(check({ attire_ok: false })));
		expect(error.response.data.correction.code).toBe('correction_required');
	});

	it('stores its own verdict, whatever the kiosk claimed', async () => {
		const stored = await kiosk
			.collection('morning_checks')
			.create(check({ temperature: 38.2, outcome: 'fit', findings: [], staff_name: '冒名', date: '2001-01-01' }));
		expect(stored.outcome).toBe('excluded');
		expect(stored.findings).toEqual([{ code: 'symptom.fever', severity: 'exclude', params: { temperature: 38.2 } }]);
		expect(stored.staff_name).toBe('李秀英');
		expect(stored.date).toBe(chinaDate());
	});

	it('excludes a food handler whose certificate has expired', async () => {
		const stored = await kiosk.collection('morning_checks').create(check({ staff: canteen.staff['张伟']!.id }));
		expect(stored.outcome).toBe('excluded');
		expect(stored.findings[0].code).toBe('certificate.expired');
	});
});

describe('a retried upload never makes a second record', () => {
	it('answers a repeated create with the stored record', async () => {
		const record = check();
		const first = await kiosk.collection('morning_checks').create(record);
		const again = await kiosk.collection('morning_checks').create({ ...record, temperature: 36.9 });
		expect(again.id).toBe(first.id);
		expect(again.temperature).toBe(36.5);
		const copies = await kiosk.collection('morning_checks').getFullList({ filter: `id = "${record.id}"` });
		expect(copies).toHaveLength(1);
	});

	it('refuses another tablet reusing an id', async () => {
		const record = check();
		await kiosk.collection('morning_checks').create(record);
		const { pb: second } = await enrolKiosk(server, canteen);
		const error = await refusal(
			second.collection('morning_checks').create({ ...record, device: second.authStore.record!.id })
		);
		expect(error.response.data.id.code).toBe('not_this_device');
	});
});

describe('the kiosk sync route', () => {
	type Result = { id: string; status: string; record?: Record<string, unknown>; error?: { message: string; data: Record<string, { code: string; message: string }> } };
	const push = (pb: PocketBase, records: unknown[]) =>
		pb.send<{ results: Result[] }>('/api/mingchu/sync/morning_checks', { method: 'POST', body: { records } }).then((r) => r.results);

	it('stores each record once, answers a retry as a duplicate, and refuses one without blocking the rest', async () => {
		const first = check();
		const refused = check({ temperature: 55 });
		const last = check({ staff: canteen.staff['张伟']!.id });
		const results = await push(kiosk, [first, refused, last]);
		expect(results.map((r) => [r.id, r.status])).toEqual([
			[first.id, 'stored'],
			[refused.id, 'refused'],
			[last.id, 'stored']
		]);
		expect(results[1]!.error!.data.temperature!.message).toContain('体温 55 ℃ 超出可测范围');
		expect(results[2]!.record).toMatchObject({ outcome: 'excluded', staff_name: '张伟' });

		const retried = await push(kiosk, [first, last]);
		expect(retried.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
		const stored = await kiosk.collection('morning_checks').getFullList({ filter: `id = "${first.id}" || id = "${refused.id}" || id = "${last.id}"` });
		expect(stored.map((r) => r.id).sort()).toEqual([first.id, last.id].sort());
	});

	it('takes canteen and device from the kiosk’s sign-in, never from the body', async () => {
		const forged = check({ canteen: other.canteen.id, device: 'someotherdevice' });
		const [result] = await push(kiosk, [forged]);
		expect(result!.status).toBe('stored');
		expect(result!.record).toMatchObject({ canteen: canteen.canteen.id, device });
	});

	it('refuses another tablet reusing an id, and anyone not signed in as a kiosk', async () => {
		const record = check();
		await push(kiosk, [record]);
		const { pb: second } = await enrolKiosk(server, canteen);
		const [result] = await push(second, [record]);
		expect(result!.status).toBe('refused');
		expect(result!.error!.data.id!.code).toBe('not_this_device');
		expect((await refusal(push(canteen.admin, [check()]))).status).toBe(403);
	});
});
