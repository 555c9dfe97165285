import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '$lib/domain';
import { chainLinkAfter } from '$lib/db/chain';
import { newRecordId } from '$lib/db/ids';
import { KitchenDb } from '$lib/db/schema';
import { createPocketBase } from '$lib/pb/client';
import { recordMorningCheck } from '$lib/repos/morning-checks';
import { voidRecord } from '$lib/repos/voids';
import { SyncEngine } from '$lib/sync/engine';
import { cookForCheck, healthyCheck, type PushResult } from '../fixtures/morning-checks';
import { chinaDate, createCanteenWithStaff, enrolKiosk, startTestServer, type CanteenFixture, type TestServer } from '../fixtures/server';

let server: TestServer;
let canteen: CanteenFixture;
let other: CanteenFixture;

beforeAll(async () => {
	server = await startTestServer();
	canteen = await createCanteenWithStaff(server, { staff: { 李秀英: {} } });
	other = await createCanteenWithStaff(server, { staff: { 陈静: {} } });
});

afterAll(async () => {
	await server?.dispose();
});

describe('voiding a saved record', () => {
	it('keeps the record, adds a chained void with the reason, refuses a second void, and the chain verifies', async () => {
		const { pb, enrolment } = await enrolKiosk(server, canteen);
		const db = new KitchenDb('voids-kiosk');
		const context = { db, settings: DEFAULT_SETTINGS, canteen: canteen.canteen.id, device: enrolment.device.id };
		const staff = canteen.staff['李秀英']!;
		const wrong = await recordMorningCheck({ ...context, staff: cookForCheck(staff), input: healthyCheck({ staff: staff.id, temperature: 37.0 }) });
		if (!wrong.ok) throw new Error('check refused');
		expect((await voidRecord({ ...context, ledger: 'morning_checks', recordId: wrong.record.id, reason: ' ', by: '王建国' })).ok).toBe(false);
		const voided = await voidRecord({ ...context, ledger: 'morning_checks', recordId: wrong.record.id, reason: '误点了体温，应为 36.5', by: '王建国' });
		expect(voided.ok).toBe(true);
		const engine = new SyncEngine({ db, pb: createPocketBase({ baseUrl: server.server.url, authKey: 'voids' }), enrolment });
		expect(await engine.sync()).toEqual({ sent: 2, refused: 0 });

		// The check is still there, unchanged; the void says why.
		expect((await server.superuser.collection('morning_checks').getOne(wrong.record.id)).temperature).toBe(37);
		const stored = await canteen.admin.collection('voids').getFirstListItem(`record_id = "${wrong.record.id}"`);
		expect(stored).toMatchObject({ ledger: 'morning_checks', reason: '误点了体温，应为 36.5', voided_by: '王建国' });

		// Voiding it again, or voiding another canteen's record, is refused by the server.
		const head = await db.chain.get('head');
		const send = async (fields: Record<string, unknown>) => {
			const record = { id: newRecordId(), canteen: canteen.canteen.id, device: enrolment.device.id, voided_at: new Date().toISOString(), voided_by: '王建国', reason: '再次', ...fields };
			const link = chainLinkAfter(head, { collection: 'voids', record });
			const { results } = await pb.send<{ results: PushResult[] }>('/api/mingchu/sync/voids', { method: 'POST', body: { records: [{ ...record, ...link }] } });
			return results[0]!;
		};
		expect((await send({ ledger: 'morning_checks', record_id: wrong.record.id })).error!.data.record_id!.code).toBe('already_voided');

		const report = await server.superuser.send('/api/mingchu/ledger/verify', { query: { canteen: canteen.canteen.id, from: chinaDate(), to: chinaDate() } });
		expect(report.problems).toEqual([]);
	});

	it('refuses voiding a record of another canteen', async () => {
		const { pb: kioskB, enrolment: enrolB } = await enrolKiosk(server, other);
		const { pb: kioskA, enrolment: enrolA } = await enrolKiosk(server, canteen);
		const dbB = new KitchenDb('voids-b');
		const check = await recordMorningCheck({
			db: dbB,
			settings: DEFAULT_SETTINGS,
			canteen: other.canteen.id,
			device: enrolB.device.id,
			staff: cookForCheck(other.staff['陈静']!),
			input: healthyCheck({ staff: other.staff['陈静']!.id })
		});
		if (!check.ok) throw new Error('check refused');
		await new SyncEngine({ db: dbB, pb: kioskB, enrolment: enrolB }).sync();
		const record = { id: newRecordId(), canteen: canteen.canteen.id, device: enrolA.device.id, ledger: 'morning_checks', record_id: check.record.id, reason: '恶意', voided_by: '某人', voided_at: new Date().toISOString() };
		const link = chainLinkAfter(undefined, { collection: 'voids', record });
		const { results } = await kioskA.send<{ results: PushResult[] }>('/api/mingchu/sync/voids', { method: 'POST', body: { records: [{ ...record, ...link }] } });
		expect(results[0]!.error!.data.record_id!.code).toBe('void_target_not_found');
	});
});
