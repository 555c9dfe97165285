// Staff added and edited on the kitchen tablet: the same checks and version rule as an administrator's
// edits, only for the tablet's own canteen, and never a PIN.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientResponseError } from 'pocketbase';
import type PocketBase from 'pocketbase';
import { chinaDate, createCanteenWithStaff, enrolKiosk, startTestServer, type CanteenFixture, type TestServer } from '../fixtures/server';

let server: TestServer;
let canteen: CanteenFixture;
let kiosk: PocketBase;

const person = (overrides: Record<string, unknown> = {}) => ({
	canteen: canteen.canteen.id,
	name: '孙丽',
	role: '配餐员',
	food_contact: true,
	active: true,
	certificate_number: '健2026-0311',
	certificate_issued: chinaDate(-30),
	certificate_expires: '',
	...overrides
});
const status = (promise: Promise<unknown>) => promise.then(() => 200, (e: ClientResponseError) => e.status);

beforeAll(async () => {
	server = await startTestServer();
	canteen = await createCanteenWithStaff(server, { staff: { 王建国: {} } });
	({ pb: kiosk } = await enrolKiosk(server, canteen));
});

afterAll(async () => {
	await server?.dispose();
});

describe('staff on the kiosk', () => {
	it('adds a person and edits them under the version rule', async () => {
		const created = await kiosk.collection('staff').create(person());
		expect(created.version).toBe(1);
		await kiosk.collection('staff').update(created.id, { role: '面点师', version: 1 });
		expect(await status(kiosk.collection('staff').update(created.id, { role: '切配', version: 1 }))).toBe(409);
	});

	it('is re-checked by the rules', async () => {
		const wrong = await kiosk.collection('staff').create(person({ certificate_expires: chinaDate(-60) })).catch((e: ClientResponseError) => e);
		expect((wrong as ClientResponseError).response.data.certificate_expires.message).toContain('有效期不能早于发证日期');
	});

	it('cannot set a PIN, nor add staff to another canteen', async () => {
		const verifier = `pbkdf2-sha256$100000$${'a'.repeat(32)}$${'b'.repeat(64)}`;
		expect(await status(kiosk.collection('staff').create(person({ name: '周强', pin_verifier: verifier })))).toBe(400);
		// The stored field itself is hidden: what a kiosk sends for it is dropped, never stored.
		const sneaked = await kiosk.collection('staff').create(person({ name: '周强', pin_hash: 'a'.repeat(64) }));
		expect(sneaked.has_pin).toBe(false);
		expect((await kiosk.send<{ verifiers: Record<string, string> }>('/api/mingchu/kiosk/pins', {})).verifiers).not.toHaveProperty(sneaked.id);
		const other = await createCanteenWithStaff(server, { name: '别的食堂' });
		expect(await status(kiosk.collection('staff').create(person({ canteen: other.canteen.id })))).toBe(400);
		const theirs = await kiosk.collection('staff').getFullList({ filter: `canteen = "${other.canteen.id}"` });
		expect(theirs).toEqual([]);
	});
});
