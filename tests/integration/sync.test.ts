import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type MorningCheckInput } from '$lib/domain';
import { KitchenDb } from '$lib/db/schema';
import { createPocketBase } from '$lib/pb/client';
import { classifyApiError } from '$lib/pb/errors';
import type { Enrolment } from '$lib/pb/kiosk-api';
import { correctRefusedMorningCheck, preparePhoto, recordMorningCheck, type Photo } from '$lib/repos/morning-checks';
import { readFile } from 'node:fs/promises';
import { newRecordId } from '$lib/db/ids';
import { countWaiting } from '$lib/repos/outbox';
import { SyncEngine } from '$lib/sync/engine';
import { cookForCheck, healthyCheck, pushChecks, TestChain } from '../fixtures/morning-checks';
import { chinaDate, createCanteenWithStaff, enrolKiosk, startTestServer, type CanteenFixture, type TestServer } from '../fixtures/server';

let server: TestServer;
let canteen: CanteenFixture;
let enrolment: Enrolment;
let db: KitchenDb;
let databases = 0;

const input = (staff: string, temperature = 36.5): MorningCheckInput => healthyCheck({ staff, temperature });

async function saveCheck(name: string, temperature?: number, photo?: Photo) {
	const staff = canteen.staff[name]!;
	const result = await recordMorningCheck({
		photo,
		db,
		settings: DEFAULT_SETTINGS,
		canteen: canteen.canteen.id,
		device: enrolment.device.id,
		staff: cookForCheck(staff),
		input: input(staff.id, temperature)
	});
	if (!result.ok) throw new Error(JSON.stringify(result.errors));
	return result.record;
}

function engine() {
	const pb = createPocketBase({ baseUrl: server.server.url, authKey: `kiosk-${databases}` });
	return { pb, engine: new SyncEngine({ db, pb, enrolment, batchSize: 2 }) };
}

async function serverChecks() {
	return server.superuser.collection('morning_checks').getFullList({ filter: `device = "${enrolment.device.id}"` });
}

beforeAll(async () => {
	server = await startTestServer();
	canteen = await createCanteenWithStaff(server, { staff: { 李秀英: {}, 张伟: {}, 刘芳: {}, 陈静: {} } });
});

beforeEach(async () => {
	databases += 1;
	db = new KitchenDb(`sync-test-${databases}`);
	({ enrolment } = await enrolKiosk(server, canteen));
});

afterAll(async () => {
	await server?.dispose();
});

describe('sync against a real PocketBase', () => {
	it('delivers every saved check exactly once, even when the server’s reply is lost', async () => {
		const saved = [await saveCheck('李秀英'), await saveCheck('张伟'), await saveCheck('刘芳')];
		const { pb, engine: sync } = engine();

		// The first batch is stored by the server, but its reply never reaches the tablet.
		let lose = true;
		pb.afterSend = (response, data) => {
			if (lose && response.url.endsWith('/api/mingchu/sync/morning_checks')) {
				lose = false;
				throw new TypeError('Failed to fetch');
			}
			return data;
		};
		await expect(sync.sync()).rejects.toThrow();
		expect(await countWaiting({ db })).toBe(3);
		expect(await serverChecks()).toHaveLength(2);

		await sync.sync();
		expect(await countWaiting({ db })).toBe(0);
		const stored = await serverChecks();
		expect(stored.map((c) => c.id).sort()).toEqual(saved.map((c) => c.id).sort());
		expect((await db.morning_checks.toArray()).every((c) => c.sync === 'synced')).toBe(true);
	});

	it('keeps checks while the server is down and sends them when it is back', async () => {
		await saveCheck('李秀英');
		const { engine: sync } = engine();
		await server.stop();
		const offline = await sync.sync().catch((error: unknown) => error);
		expect(classifyApiError(offline).kind).toBe('offline');
		await saveCheck('张伟');
		expect(await countWaiting({ db })).toBe(2);

		await server.restart();
		const report = await sync.sync();
		expect(report).toEqual({ sent: 2, refused: 0 });
		expect(await serverChecks()).toHaveLength(2);
	});

	it('sets a refused check aside with the server’s reason and stores the rest of its batch', async () => {
		const gone = await canteen.admin.collection('staff').create({ canteen: canteen.canteen.id, name: '临时工', food_contact: false });
		canteen.staff['临时工'] = { id: gone.id, name: '临时工' };
		const before = await saveCheck('李秀英');
		const refused = await saveCheck('临时工');
		const after = await saveCheck('张伟');
		// Only a superuser can still delete a person (administrators mark them as left).
		await server.superuser.collection('staff').delete(gone.id);

		const { engine: sync } = engine();
		expect(await sync.sync()).toEqual({ sent: 2, refused: 1 });
		expect((await serverChecks()).map((c) => c.id).sort()).toEqual([before.id, after.id].sort());
		const local = await db.morning_checks.get(refused.id);
		expect(local?.sync).toBe('rejected');
		expect(local?.rejection?.fields.staff).toContain('员工不存在或不属于本食堂');
		expect(await countWaiting({ db })).toBe(0);
	});

	it('brings the canteen’s staff and other tablets’ checks of today, then only what changed', async () => {
		const { pb: otherKiosk } = await enrolKiosk(server, canteen);
		const otherChain = new TestChain({ canteen: canteen.canteen.id, device: otherKiosk.authStore.record!.id });
		const elsewhere = otherChain.next({ id: newRecordId(), ...input(canteen.staff['陈静']!.id, 36.8) });
		await pushChecks(otherKiosk, [elsewhere]);
		const { engine: sync } = engine();
		await sync.sync();
		expect((await db.staff.toArray()).map((s) => s.name).sort()).toEqual(expect.arrayContaining(['刘芳', '张伟', '李秀英', '陈静']));
		const pulled = await db.morning_checks.get(elsewhere.id);
		expect(pulled).toMatchObject({ staff_name: '陈静', temperature: 36.8, sync: 'synced', outcome: 'fit' });
		expect(pulled?.checked_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
		expect((await db.cursors.get('staff'))?.updated).toBeTruthy();

		// The next pull asks only for changes since the cursor, and still sees an edit and a new check.
		const person = await canteen.admin.collection('staff').getOne(canteen.staff['刘芳']!.id);
		await canteen.admin.collection('staff').update(person.id, { role: `${person.role}·组长`, version: person.version });
		const later = otherChain.next({ id: newRecordId(), ...input(canteen.staff['刘芳']!.id, 36.6) });
		await pushChecks(otherKiosk, [later]);
		const filters: string[] = [];
		const { pb: watched, engine: second } = engine();
		watched.beforeSend = (url, options) => {
			if (url.includes('/records')) filters.push(String(options.query?.filter ?? ''));
			return { url, options };
		};
		await second.sync();
		expect(filters.filter((f) => f.includes('updated >=')).length).toBeGreaterThanOrEqual(2);
		expect((await db.staff.get(person.id))?.role).toBe(`${person.role}·组长`);
		expect(await db.morning_checks.get(later.id)).toMatchObject({ staff_name: '刘芳', sync: 'synced' });
	});

	it('corrects a refused check as a new record; the server keeps both in the kiosk’s chain', async () => {
		const first = await saveCheck('李秀英');
		// Picked a person the administrator had just removed: the server refuses it.
		const removed = await canteen.admin.collection('staff').create({ canteen: canteen.canteen.id, name: '错选', food_contact: false });
		canteen.staff['错选'] = { id: removed.id, name: '错选' };
		const wrong = await saveCheck('错选');
		await server.superuser.collection('staff').delete(removed.id);
		const { engine: sync } = engine();
		expect(await sync.sync()).toEqual({ sent: 1, refused: 1 });

		const corrected = await correctRefusedMorningCheck({
			db,
			settings: DEFAULT_SETTINGS,
			id: wrong.id,
			staff: cookForCheck(canteen.staff['张伟']!),
			input: input(canteen.staff['张伟']!.id, 36.7)
		});
		if (!corrected.ok) throw new Error('correction refused');
		expect(corrected.record.id).not.toBe(wrong.id);
		expect(corrected.record.seq).toBe(3);
		expect(await db.morning_checks.get(wrong.id)).toMatchObject({ sync: 'voided', corrected_by: corrected.record.id });
		await sync.sync();

		const stored = await serverChecks();
		expect(stored.map((c) => [c.seq, c.id])).toEqual(
			expect.arrayContaining([
				[1, first.id],
				[3, corrected.record.id]
			])
		);
		const report = await server.superuser.send('/api/mingchu/ledger/verify', {
			query: { canteen: canteen.canteen.id, from: chinaDate(), to: chinaDate() }
		});
		expect(report.problems.filter((p: { device: string }) => p.device === enrolment.device.id)).toEqual([]);
	});

	it('uploads a check’s photo after the check, once, even when a reply is lost or an upload is cut off', async () => {
		const png = await readFile(new URL('../../static/icon-192.png', import.meta.url));
		const photo = await preparePhoto(new Blob([png], { type: 'image/png' }));
		const first = await saveCheck('李秀英', 36.5, photo);
		const second = await saveCheck('张伟', 36.6, photo);
		expect(first.photo_sha256).toBe(photo.sha256);
		const { pb, engine: sync } = engine();

		// The first upload is cut off on the way; the second arrives but its reply is lost.
		let uploads = 0;
		let replies = 0;
		pb.beforeSend = (url, options) => {
			if (url.includes('/evidence_photos/') && ++uploads === 1) throw new TypeError('Failed to fetch');
			return { url, options };
		};
		pb.afterSend = (response, data) => {
			if (response.url.includes('/evidence_photos/') && ++replies === 1) throw new TypeError('Failed to fetch');
			return data;
		};
		await expect(sync.sync()).rejects.toThrow();
		expect(await db.photos.where('state').equals('pending').count()).toBe(2);
		expect(await server.superuser.collection('evidence_photos').getFullList({ filter: `device = "${enrolment.device.id}"` })).toHaveLength(1);
		await sync.sync();

		const stored = await server.superuser.collection('evidence_photos').getFullList({ filter: `device = "${enrolment.device.id}"` });
		expect(stored.map((p) => p.record_id).sort()).toEqual([first.id, second.id].sort());
		expect(stored.every((p) => p.sha256 === photo.sha256)).toBe(true);
		// The tablet lets go of the bytes once the server has them.
		expect((await db.photos.toArray()).map((p) => [p.state, p.bytes])).toEqual([
			['uploaded', undefined],
			['uploaded', undefined]
		]);
		expect((await serverChecks()).find((c) => c.id === first.id)?.photo_sha256).toBe(photo.sha256);
	});

	it('sets aside a "photo" that is not an image, with the server’s reason; its check is stored', async () => {
		const fake = await preparePhoto(new Blob(['<script>alert(1)</script>'], { type: 'image/jpeg' }));
		const check = await saveCheck('刘芳', 36.5, fake);
		const { engine: sync } = engine();
		await sync.sync();
		expect((await serverChecks()).map((c) => c.id)).toContain(check.id);
		const local = await db.photos.get(check.photo_id!);
		expect(local?.state).toBe('rejected');
		expect(local?.bytes).toBeDefined();
		expect(await server.superuser.collection('evidence_photos').getFullList({ filter: `record_id = "${check.id}"` })).toEqual([]);
	});
});
