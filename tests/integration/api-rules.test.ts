import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusal, statusOf } from '../fixtures/api';
import { createCanteenWithStaff, enrolKiosk, startTestServer, type CanteenFixture, type TestServer } from '../fixtures/server';
import { client } from '../../server/provision.mjs';
import type PocketBase from 'pocketbase';
import { checkForServer } from '../fixtures/morning-checks';

let server: TestServer;
let a: CanteenFixture;
let b: CanteenFixture;
let kioskA: PocketBase;
let deviceA: string;

function check(overrides: Record<string, unknown> = {}) {
	return checkForServer({ canteen: a.canteen.id, device: deviceA, staff: a.staff['李秀英']!.id, ...overrides });
}

beforeAll(async () => {
	server = await startTestServer();
	a = await createCanteenWithStaff(server, { name: 'A 食堂', staff: { 李秀英: {} } });
	b = await createCanteenWithStaff(server, { name: 'B 食堂', staff: { 陈静: {} } });
	const kiosk = await enrolKiosk(server, a);
	kioskA = kiosk.pb;
	deviceA = kiosk.enrolment.device.id;
});

afterAll(async () => {
	await server?.dispose();
});

describe('tenant isolation through API rules', () => {
	it('gives an anonymous visitor nothing', async () => {
		const anonymous: PocketBase = client(server.server.url);
		for (const collection of ['canteens', 'staff', 'morning_checks', 'devices']) {
			const list = await anonymous.collection(collection).getList(1, 50);
			expect(list.items, collection).toEqual([]);
		}
		expect(await statusOf(anonymous.collection('users').getList(1, 50))).toBe(200);
		expect((await anonymous.collection('users').getList(1, 50)).items).toEqual([]);
		expect(await statusOf(anonymous.collection('morning_checks').create(check()))).toBe(400);
		expect(await statusOf(anonymous.collection('staff').create({ canteen: a.canteen.id, name: 'x' }))).toBe(400);
		expect(await statusOf(anonymous.collection('canteens').create({ name: 'x', type: 'school' }))).toBe(403);
	});

	it('does not let anyone sign up as an administrator', async () => {
		const anonymous: PocketBase = client(server.server.url);
		const signUp = anonymous
			.collection('users')
			.create({ email: 'me@x.test', password: 'password123', passwordConfirm: 'password123', canteens: [a.canteen.id] });
		expect(await statusOf(signUp)).toBe(403);
	});

	it('lets a kiosk write its own canteen’s checks and nobody else’s', async () => {
		expect(await statusOf(kioskA.collection('morning_checks').create(check()))).toBe(200);
		expect(await statusOf(kioskA.collection('morning_checks').create(check({ canteen: b.canteen.id, staff: b.staff['陈静']!.id })))).toBe(400);
		// Nor in the name of another tablet.
		const other = await enrolKiosk(server, a);
		expect(await statusOf(kioskA.collection('morning_checks').create(check({ device: other.enrolment.device.id })))).toBe(400);
		expect(await kioskA.collection('staff').getFullList()).toHaveLength(1);
		expect(await statusOf(kioskA.collection('staff').getOne(b.staff['陈静']!.id))).toBe(404);
	});

	it('keeps ledger records immutable, even for the kiosk that wrote them', async () => {
		const stored = await kioskA.collection('morning_checks').create(check());
		expect(await statusOf(kioskA.collection('morning_checks').update(stored.id, { temperature: 36.6 }))).toBe(403);
		expect(await statusOf(kioskA.collection('morning_checks').delete(stored.id))).toBe(403);
		expect(await statusOf(a.admin.collection('morning_checks').update(stored.id, { temperature: 36.6 }))).toBe(403);
	});

	it('shows an administrator only the canteens assigned to them', async () => {
		expect((await a.admin.collection('canteens').getFullList()).map((c) => c.name)).toEqual(['A 食堂']);
		expect(await statusOf(a.admin.collection('canteens').getOne(b.canteen.id))).toBe(404);
		const bChecks = await a.admin.collection('morning_checks').getFullList({ filter: `canteen = "${b.canteen.id}"` });
		expect(bChecks).toEqual([]);
		expect(await statusOf(a.admin.collection('staff').create({ canteen: b.canteen.id, name: '混入者' }))).toBe(400);
		// Moving one's own staff member into another canteen is refused too.
		expect(await statusOf(a.admin.collection('staff').update(a.staff['李秀英']!.id, { canteen: b.canteen.id }))).toBe(404);
	});

	it('does not let an administrator give themselves another canteen', async () => {
		const me = a.admin.authStore.record!;
		const grab = a.admin.collection('users').update(me.id, { canteens: [a.canteen.id, b.canteen.id] });
		expect(await statusOf(grab)).toBe(404);
		expect((await a.admin.collection('canteens').getFullList()).map((c) => c.name)).toEqual(['A 食堂']);
	});

	it('re-checks staff records on the server, with the reason by field', async () => {
		const error = await refusal(
			a.admin.collection('staff').create({
				canteen: a.canteen.id,
				name: '新员工',
				certificate_number: 'X1',
				certificate_issued: '2026-05-01',
				certificate_expires: '2026-04-01'
			})
		);
		expect(error.response.data.certificate_expires.code).toBe('expires_before_issue');
		expect(error.response.data.certificate_expires.message).toContain('有效期不能早于发证日期');
		const renamed = await refusal(a.admin.collection('staff').update(a.staff['李秀英']!.id, { name: ' ' }));
		expect(renamed.response.data.name.code).toBe('required');
	});
});
