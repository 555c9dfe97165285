import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusal, statusOf } from '../fixtures/api';
import { createCanteenWithStaff, enrolKiosk, startTestServer, type CanteenFixture, type TestServer } from '../fixtures/server';
import { client } from '../../server/provision.mjs';
import type PocketBase from 'pocketbase';
import { newRecordId } from '$lib/db/ids';
import { checkForServer, pushChecks, TestChain } from '../fixtures/morning-checks';

let server: TestServer;
let a: CanteenFixture;
let b: CanteenFixture;
let kioskA: PocketBase;
let deviceA: string;
let chainA: TestChain;

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
	chainA = new TestChain({ canteen: a.canteen.id, device: deviceA });
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
		expect(await statusOf(anonymous.collection('morning_checks').create(check()))).toBe(403);
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

	it('lets a kiosk write only through its sync route, into its own canteen', async () => {
		// The records API is closed to everyone but superusers: the sync route keeps the hash chain.
		expect(await statusOf(kioskA.collection('morning_checks').create(check()))).toBe(403);
		expect(await statusOf(a.admin.collection('morning_checks').create(check()))).toBe(403);
		const [result] = await pushChecks(kioskA, [chainA.next({ id: newRecordId(), staff: a.staff['李秀英']!.id })]);
		expect(result!.record).toMatchObject({ canteen: a.canteen.id, device: deviceA });
		expect(await kioskA.collection('staff').getFullList()).toHaveLength(1);
		expect(await statusOf(kioskA.collection('staff').getOne(b.staff['陈静']!.id))).toBe(404);
	});

	it('keeps ledger records immutable, even for the kiosk that wrote them', async () => {
		const [result] = await pushChecks(kioskA, [chainA.next({ id: newRecordId(), staff: a.staff['李秀英']!.id })]);
		const id = result!.id;
		expect(await statusOf(kioskA.collection('morning_checks').update(id, { temperature: 36.6 }))).toBe(403);
		expect(await statusOf(kioskA.collection('morning_checks').delete(id))).toBe(403);
		expect(await statusOf(a.admin.collection('morning_checks').update(id, { temperature: 36.6 }))).toBe(403);
		expect(await statusOf(a.admin.collection('morning_checks').delete(id))).toBe(403);
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
		const { version } = await a.admin.collection('staff').getOne(a.staff['李秀英']!.id);
		const renamed = await refusal(a.admin.collection('staff').update(a.staff['李秀英']!.id, { name: ' ', version }));
		expect(renamed.response.data.name.code).toBe('required');
	});

	it('refuses an edit of staff made on an older version, so a second editor never overwrites silently', async () => {
		const created = await a.admin.collection('staff').create({ canteen: a.canteen.id, name: '赵敏', role: '帮厨' });
		expect(created.version).toBe(1);
		const first = await a.admin.collection('staff').update(created.id, { role: '切配', version: 1 });
		expect(first.version).toBe(2);
		// The second editor opened the form before the first saved.
		const stale = await refusal(a.admin.collection('staff').update(created.id, { role: '洗碗', version: 1 }));
		expect(stale.status).toBe(409);
		expect(stale.response.message).toContain('此内容已被他人修改');
		expect(stale.response.message).toContain('Someone else changed this');
		expect(stale.response.data.version.code).toBe('stale');
		expect((await a.admin.collection('staff').getOne(created.id)).role).toBe('切配');
		// Without a version nobody can overwrite either; with the newest one the edit goes through.
		expect(await statusOf(a.admin.collection('staff').update(created.id, { role: '洗碗' }))).toBe(409);
		expect((await a.admin.collection('staff').update(created.id, { role: '洗碗', version: 2 })).version).toBe(3);
		// People leave by being marked inactive; deleting is closed (kiosks pull changes, not deletions).
		expect(await statusOf(a.admin.collection('staff').delete(created.id))).toBe(403);
	});
});
