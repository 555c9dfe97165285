import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusal } from '../fixtures/api';
import { createCanteenWithStaff, createKioskCode, startTestServer, type CanteenFixture, type TestServer } from '../fixtures/server';
import { client, createKiosk, enrolKiosk } from '../../server/provision.mjs';

let server: TestServer;
let canteen: CanteenFixture;
let other: CanteenFixture;

beforeAll(async () => {
	server = await startTestServer();
	canteen = await createCanteenWithStaff(server);
	other = await createCanteenWithStaff(server, { name: '别的食堂' });
});

afterAll(async () => {
	await server?.dispose();
});

describe('kiosk enrolment', () => {
	it('trades a one-time code for the tablet’s own sign-in, once', async () => {
		const code = await createKioskCode(canteen, '一号平板');
		expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
		// Typed in lower case and without the dash, as a cook might.
		const { pb, enrolment } = await enrolKiosk({ url: server.server.url, code: code.replace('-', '').toLowerCase() });
		expect(enrolment.device).toMatchObject({ name: '一号平板', canteen: canteen.canteen.id });
		expect(pb.authStore.isValid).toBe(true);

		const again = await refusal(enrolKiosk({ url: server.server.url, code }));
		expect(again.status).toBe(400);
		expect(again.message).toContain('绑定码无效或已过期');
		const listed = await canteen.admin.collection('devices').getFullList();
		expect(listed.find((d) => d.id === enrolment.device.id)?.enrolled_at).not.toBe('');
	});

	it('refuses made-up codes', async () => {
		const error = await refusal(enrolKiosk({ url: server.server.url, code: 'AAAA-BBBB' }));
		expect(error.response.data.code.code).toBe('invalid_code');
	});

	it('lets an administrator create kiosks only for their own canteens', async () => {
		const error = await refusal(createKiosk(canteen.admin, { canteen: other.canteen.id, name: '偷偷的平板' }));
		expect(error.status).toBe(403);
		const anonymous = client(server.server.url);
		expect((await refusal(createKiosk(anonymous, { canteen: canteen.canteen.id, name: 'x' }))).status).toBe(401);
	});

	it('locks out a kiosk the operator has deactivated', async () => {
		const code = await createKioskCode(canteen, '丢失的平板');
		const { pb, enrolment } = await enrolKiosk({ url: server.server.url, code });
		await server.superuser.collection('devices').update(enrolment.device.id, { active: false });
		const signIn = client(server.server.url).collection('devices').authWithPassword(enrolment.email, enrolment.secret);
		expect((await refusal(signIn)).status).toBe(403);
		// The token it already held stops working too.
		expect((await refusal(pb.collection('devices').authRefresh())).status).toBe(401);
	});
});
