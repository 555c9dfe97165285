// What a reviewer reading the server as an attacker found (issue 14), each as the attack itself: PIN
// verifiers, forged evidence photos, lost tablets, certificate edits nobody could trace, internal
// error text, and doors without rate limits.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type PocketBase from 'pocketbase';
import { refusal, statusOf } from '../fixtures/api';
import { createCanteenWithStaff, createKioskCode, enrolKiosk, startTestServer, type CanteenFixture, type TestServer } from '../fixtures/server';
import { pushChecks, TestChain } from '../fixtures/morning-checks';
import { evidencePhotoForm, sha256Hex } from '../fixtures/photos';
import { client, enrolKiosk as enrolWithCode, signInAdministrator } from '../../server/provision.mjs';
import { newRecordId } from '$lib/db/ids';
import { classifyApiError } from '$lib/pb/errors';

let server: TestServer;
let canteen: CanteenFixture;
let other: CanteenFixture;
let kioskA: { pb: PocketBase; enrolment: { device: { id: string } } };
let kioskB: { pb: PocketBase; enrolment: { device: { id: string } } };
let png: Buffer;

const VERIFIER = `pbkdf2-sha256$100000$${'0123456789abcdef'.repeat(2)}$${'ab'.repeat(32)}`;

beforeAll(async () => {
	server = await startTestServer();
	canteen = await createCanteenWithStaff(server, { name: '实验小学食堂', staff: { 李秀英: {}, 王建国: {} } });
	other = await createCanteenWithStaff(server, { name: '别的食堂', staff: { 陈静: {} } });
	kioskA = await enrolKiosk(server, canteen);
	kioskB = await enrolKiosk(server, canteen);
	png = await readFile(new URL('../../static/icon-192.png', import.meta.url));
});

afterAll(async () => {
	await server?.dispose();
});

describe('PIN verifiers', () => {
	it('are set by an administrator, never shown or filterable, and given to the canteen’s own kiosks only', async () => {
		const person = canteen.staff['李秀英']!;
		const edited = await canteen.admin.collection('staff').getOne(person.id);
		const saved = await canteen.admin.collection('staff').update(person.id, { pin_verifier: VERIFIER, version: edited.version });
		expect(saved.has_pin).toBe(true);
		for (const pb of [canteen.admin, kioskA.pb]) {
			const seen = await pb.collection('staff').getOne(person.id);
			expect(seen).not.toHaveProperty('pin_hash');
			expect(seen).not.toHaveProperty('pin_verifier');
			// A guess in a filter or a sort is refused as a whole: right and wrong guesses look the same.
			expect(await statusOf(pb.collection('staff').getList(1, 50, { filter: `pin_hash ~ "pbkdf2%"` }))).toBe(400);
			expect(await statusOf(pb.collection('staff').getList(1, 50, { sort: 'pin_hash' }))).toBe(400);
		}
		const { verifiers } = await kioskA.pb.send<{ verifiers: Record<string, string> }>('/api/mingchu/kiosk/pins', {});
		expect(verifiers).toEqual({ [person.id]: VERIFIER });
		// Administrators and strangers do not get them; another canteen's kiosk gets its own canteen's only.
		expect(await statusOf(canteen.admin.send('/api/mingchu/kiosk/pins', {}))).toBe(403);
		expect(await statusOf(client(server.server.url).send('/api/mingchu/kiosk/pins', {}))).toBe(401);
		const otherKiosk = await enrolKiosk(server, other);
		expect((await otherKiosk.pb.send<{ verifiers: Record<string, string> }>('/api/mingchu/kiosk/pins', {})).verifiers).toEqual({});
	});

	it('must be slow and salted: a plain SHA-256 or too few rounds is refused', async () => {
		const person = canteen.staff['王建国']!;
		const version = (await canteen.admin.collection('staff').getOne(person.id)).version;
		for (const weak of ['a'.repeat(64), VERIFIER.replace('100000', '1000'), 'pbkdf2-sha256$100000$short$' + 'ab'.repeat(32)]) {
			const error = await refusal(canteen.admin.collection('staff').update(person.id, { pin_verifier: weak, version }));
			expect(error.status, weak).toBe(400);
			expect(error.response.data.pin.message).toContain('PIN 必须是 4 位数字');
		}
	});
});

describe('health certificates', () => {
	it('keep every change of the fields that decide the verdict, with who made it, for the administrator only', async () => {
		const person = canteen.staff['王建国']!;
		const before = await kioskA.pb.collection('staff').getOne(person.id);
		await kioskA.pb.collection('staff').update(person.id, { certificate_expires: '2099-12-31', food_contact: !before.food_contact, version: before.version });
		const changes = await canteen.admin.collection('staff_changes').getFullList({ filter: `staff = "${person.id}"`, sort: 'created' });
		const last = changes.at(-1)!;
		expect(last.by_collection).toBe('devices');
		expect(last.by_name).toBe('后厨平板');
		expect(last.changes).toEqual({ certificate_expires: [before.certificate_expires, '2099-12-31'], food_contact: [before.food_contact, !before.food_contact] });
		// A name change alone is no such change.
		const now = await canteen.admin.collection('staff').getOne(person.id);
		await canteen.admin.collection('staff').update(person.id, { role: '帮厨', version: now.version });
		expect(await canteen.admin.collection('staff_changes').getFullList({ filter: `staff = "${person.id}"` })).toHaveLength(changes.length);
		// Nobody writes or rewrites this history through the API, and other canteens do not see it.
		expect(await statusOf(kioskA.pb.collection('staff_changes').getList(1, 10))).toBe(200);
		expect((await kioskA.pb.collection('staff_changes').getList(1, 10)).items).toEqual([]);
		expect((await other.admin.collection('staff_changes').getList(1, 10, { filter: `staff = "${person.id}"` })).items).toEqual([]);
		expect(await statusOf(canteen.admin.collection('staff_changes').update(last.id, { changes: {} }))).toBe(403);
		expect(await statusOf(canteen.admin.collection('staff_changes').delete(last.id))).toBe(403);
	});
});

describe('evidence photos', () => {
	async function checkWithPhoto(kiosk: typeof kioskA, chain: TestChain, digest: string) {
		const id = newRecordId();
		const [result] = await pushChecks(kiosk.pb, [chain.next({ id, staff: canteen.staff['李秀英']!.id, photo_sha256: digest })]);
		expect(result!.status).toBe('stored');
		return id;
	}
	function upload(kiosk: typeof kioskA, { record, digest, bytes = png }: { record: string; digest: string; bytes?: Buffer }) {
		const form = evidencePhotoForm({ canteen: canteen.canteen.id, device: kiosk.enrolment.device.id, record, digest, bytes });
		return kiosk.pb.collection('evidence_photos').create(form);
	}

	it('are refused unless the bytes, the record, the tablet and the record’s digest all agree; one per record', async () => {
		const chainA = new TestChain({ canteen: canteen.canteen.id, device: kioskA.enrolment.device.id });
		const digest = sha256Hex(png);
		const record = await checkWithPhoto(kioskA, chainA, digest);
		// A second tablet of the same kitchen claims tablet A's record.
		expect(await statusOf(upload(kioskB, { record, digest }))).toBe(403);
		// Other bytes under the right digest, or the right bytes under another digest.
		const forged = Buffer.concat([png, Buffer.from('extra')]);
		expect((await refusal(upload(kioskA, { record, digest, bytes: forged }))).response.data.sha256.code).toBe('photo_digest_mismatch');
		expect((await refusal(upload(kioskA, { record, digest: sha256Hex(forged), bytes: forged }))).response.data.sha256.code).toBe(
			'photo_digest_mismatch'
		);
		// A photo that overtook its record is "too early": the tablet keeps it and tries again.
		expect(await statusOf(upload(kioskA, { record: newRecordId(), digest }))).toBe(425);
		// The real one is stored; a second photo for the same record is not.
		const stored = await upload(kioskA, { record, digest });
		expect(stored.sha256).toBe(digest);
		expect((await refusal(upload(kioskA, { record, digest }))).response.data.record_id.code).toBe('photo_exists');
		expect(await server.superuser.collection('evidence_photos').getFullList({ filter: `record_id = "${record}"` })).toHaveLength(1);
	});
});

describe('lost tablets', () => {
	it('are switched off by the canteen’s administrator: the tablet is signed out at once and cannot sign in again', async () => {
		const code = await createKioskCode(canteen, '丢失的平板');
		const lost = await enrolWithCode({ url: server.server.url, code });
		expect(await statusOf(lost.pb.collection('staff').getList(1, 1))).toBe(200);
		const deactivate = (pb: PocketBase) => pb.send(`/api/mingchu/devices/${lost.enrolment.device.id}/deactivate`, { method: 'POST' });
		expect(await statusOf(deactivate(other.admin))).toBe(403);
		expect(await statusOf(deactivate(kioskA.pb))).toBe(403);
		expect(await statusOf(deactivate(client(server.server.url)))).toBe(401);
		expect(await statusOf(deactivate(canteen.admin))).toBe(200);
		expect((await canteen.admin.collection('devices').getOne(lost.enrolment.device.id)).active).toBe(false);
		// Its token no longer works: refreshing it fails and it reads nothing.
		expect(await statusOf(lost.pb.collection('devices').authRefresh())).toBe(401);
		expect((await lost.pb.collection('staff').getList(1, 1)).items).toEqual([]);
		const again = client(server.server.url);
		expect(await statusOf(again.collection('devices').authWithPassword(lost.enrolment.email, lost.enrolment.secret))).toBe(403);
	});
});

describe('sync answers', () => {
	it('never pass on the database’s internal error text', async () => {
		const chain = new TestChain({ canteen: canteen.canteen.id, device: kioskB.enrolment.device.id });
		// An id PocketBase itself refuses (wrong form): refused with a plain message, no SQL or Go error.
		const [result] = await pushChecks(kioskB.pb, [chain.next({ id: 'NOT-AN-ID!', staff: canteen.staff['李秀英']!.id })]);
		expect(result!.status).toBe('refused');
		expect(result!.error!.message).toContain('服务器保存时出错');
		expect(result!.error!.message).not.toMatch(/validation|sql|constraint|Error:/i);
	});
});

describe('rate limits', () => {
	let limited: TestServer;
	let admin: { email: string; password: string };
	let kiosk: PocketBase;
	beforeAll(async () => {
		limited = await startTestServer({ rateLimits: true });
		const fixture = await createCanteenWithStaff(limited, { name: '限流食堂' });
		admin = fixture.adminCredentials;
		({ pb: kiosk } = await enrolKiosk(limited, fixture));
	});
	afterAll(async () => {
		await limited?.dispose();
	});

	async function statuses(count: number, request: () => Promise<unknown>) {
		const seen: number[] = [];
		for (let i = 0; i < count; i++) seen.push(await statusOf(request()));
		return seen;
	}

	it('answer 429 to someone guessing an administrator’s password, even with the right one', async () => {
		const guesses = await statuses(30, () => client(limited.server.url).collection('users').authWithPassword(admin.email, 'wrong-password'));
		// Ten sign-ins a minute from one address (the fixture's own sign-in was one of them).
		const first = guesses.indexOf(429);
		expect(first).toBeGreaterThanOrEqual(9);
		expect(first).toBeLessThanOrEqual(10);
		expect(guesses.slice(0, first).every((status) => status === 400)).toBe(true);
		expect(guesses.slice(first).every((status) => status === 429)).toBe(true);
		// Even the right password waits: the limit is on the address, not on being wrong.
		expect(await statusOf(signInAdministrator({ url: limited.server.url, ...admin }))).toBe(429);
	});

	it('answer 429 to enrolment codes tried in a row, and to the public page polled too fast', async () => {
		const codes = await statuses(8, () => client(limited.server.url).send('/api/mingchu/enrol', { method: 'POST', body: { code: 'AAAA-BBBB' } }));
		// Five a minute from one address (the fixture's kiosk enrolled with one of them).
		const first = codes.indexOf(429);
		expect(first).toBe(4);
		expect(codes.slice(0, first).every((status) => status === 400)).toBe(true);
		expect(codes.slice(first).every((status) => status === 429)).toBe(true);
		const canteens = await limited.superuser.collection('canteens').getFullList();
		const pages = await statuses(125, () => client(limited.server.url).send(`/api/mingchu/public/canteens/${canteens[0]!.id}`, {}));
		expect(pages.filter((status) => status === 200)).toHaveLength(120);
		expect(pages.slice(120).every((status) => status === 429)).toBe(true);
	});

	it('answer 429 to a tablet that floods the sync route, which the kiosk treats as "try again later"', async () => {
		const pb = kiosk;
		const pushes = await statuses(105, () => pb.send('/api/mingchu/sync/morning_checks', { method: 'POST', body: { records: [] } }));
		expect(pushes.slice(0, 100).every((status) => status === 200)).toBe(true);
		expect(pushes.slice(100).every((status) => status === 429)).toBe(true);
		const refused = await refusal(pb.send('/api/mingchu/sync/morning_checks', { method: 'POST', body: { records: [] } }));
		expect(classifyApiError(refused).kind).toBe('server');
	});
});
