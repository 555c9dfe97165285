import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPocketBase } from '../../server/pocketbase.mjs';
import { signInAdministrator } from '../../server/provision.mjs';
import type PocketBase from 'pocketbase';
import { newRecordId } from '$lib/db/ids';
import { refusal, statusOf } from '../fixtures/api';
import { pushChecks, TestChain } from '../fixtures/morning-checks';
import { chinaDate, createCanteenWithStaff, enrolKiosk, startTestServer, type CanteenFixture, type TestServer } from '../fixtures/server';

// Tampering "behind the API": a superuser in the PocketBase dashboard can change, delete and insert
// ledger records without any hook or rule stopping them. Verification must report each case.

interface Problem {
	kind: string;
	id?: string;
	seq?: number;
	from?: number;
	to?: number;
	day?: string;
}
interface Report {
	intact: boolean;
	checked: number;
	digests: { day: string; intact: boolean }[];
	problems: Problem[];
}

let server: TestServer;

interface Kitchen {
	fixture: CanteenFixture;
	kiosk: PocketBase;
	chain: TestChain;
	/** Server ids of the uploaded checks, in chain order (a refused one is not in morning_checks). */
	ids: string[];
}

/** A canteen whose kiosk uploaded `count` checks (the third refused), with today's digest sealed. */
async function kitchenWithLedger(count = 5, { seal = true } = {}): Promise<Kitchen> {
	const fixture = await createCanteenWithStaff(server, { staff: { 李秀英: {}, 张伟: {} } });
	const { pb: kiosk } = await enrolKiosk(server, fixture);
	const chain = new TestChain({ canteen: fixture.canteen.id, device: kiosk.authStore.record!.id });
	const records = Array.from({ length: count }, (_, i) =>
		chain.next({ id: newRecordId(), staff: fixture.staff[i % 2 ? '张伟' : '李秀英']!.id, temperature: i === 2 ? 55 : 36.4 + i / 10 })
	);
	const results = await pushChecks(kiosk, records);
	expect(results.map((r) => r.status)).toEqual(records.map((_, i) => (i === 2 ? 'refused' : 'stored')));
	if (seal) await sealToday(fixture);
	return { fixture, kiosk, chain, ids: records.filter((_, i) => i !== 2).map((r) => r.id) };
}

/** What the hourly job does once the day is over; the tests cannot wait for midnight. */
function sealToday(fixture: CanteenFixture) {
	return server.superuser.send('/api/mingchu/ledger/digests', { method: 'POST', body: { canteen: fixture.canteen.id, day: chinaDate() } });
}

function verify(kitchen: Kitchen, pb: PocketBase = kitchen.fixture.admin): Promise<Report> {
	return pb.send('/api/mingchu/ledger/verify', { query: { canteen: kitchen.fixture.canteen.id, from: chinaDate(-1), to: chinaDate() } });
}

beforeAll(async () => {
	server = await startTestServer();
});

afterAll(async () => {
	await server?.dispose();
});

describe('verifying a canteen’s ledger', () => {
	it('says "intact" for an untouched ledger, refused submissions included', async () => {
		const kitchen = await kitchenWithLedger();
		const report = await verify(kitchen);
		expect(report.problems).toEqual([]);
		expect(report).toMatchObject({ intact: true, checked: 5, digests: [{ day: chinaDate(), intact: true }] });
	});

	it('names a record whose content was edited in the dashboard', async () => {
		const kitchen = await kitchenWithLedger();
		await server.superuser.collection('morning_checks').update(kitchen.ids[1]!, { temperature: 36.0 });
		const report = await verify(kitchen);
		expect(report.intact).toBe(false);
		expect(report.problems).toEqual(
			expect.arrayContaining([expect.objectContaining({ kind: 'edited', id: kitchen.ids[1], seq: 2, staff_name: '张伟' })])
		);
	});

	it('names a record whose server verdict was changed (excluded → fit), which the kiosk’s hash does not cover', async () => {
		const kitchen = await kitchenWithLedger(5, { seal: false });
		const fever = kitchen.chain.next({ id: newRecordId(), staff: kitchen.fixture.staff['李秀英']!.id, temperature: 38.5 });
		const [stored] = await pushChecks(kitchen.kiosk, [fever]);
		expect(stored!.record!.outcome).toBe('excluded');
		await sealToday(kitchen.fixture);
		await server.superuser.collection('morning_checks').update(fever.id, { outcome: 'fit', findings: [] });
		const report = await verify(kitchen);
		expect(report.problems).toEqual([expect.objectContaining({ kind: 'edited', id: fever.id, seq: 6 })]);
	});

	it('depends on the server’s seal key, kept outside the database: the same database under another key verifies nothing', async () => {
		// Someone who can write data.db (a copy, a backup) but not read seal.key cannot make a valid seal.
		const kitchen = await kitchenWithLedger();
		const copy = mkdtempSync(join(tmpdir(), 'mingchu-copy-'));
		await server.stop();
		cpSync(server.server.dataDir, copy, { recursive: true });
		await server.restart();
		expect(readFileSync(join(copy, 'seal.key'), 'utf8').length).toBeGreaterThanOrEqual(32);
		expect(statSync(join(copy, 'seal.key')).mode & 0o777).toBe(0o600);
		writeFileSync(join(copy, 'seal.key'), 'a-key-guessed-by-whoever-edited-the-database');
		const elsewhere = await startPocketBase({ dataDir: copy });
		try {
			const admin = await signInAdministrator({ url: elsewhere.url, ...kitchen.fixture.adminCredentials });
			const report = await verify(kitchen, admin);
			expect(report.intact).toBe(false);
			expect(report.problems.filter((p) => p.kind === 'edited').map((p) => p.id)).toEqual(expect.arrayContaining(kitchen.ids));
			expect(report.problems).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'digest_mismatch', day: chinaDate() })]));
		} finally {
			await elsewhere.stop();
			rmSync(copy, { recursive: true, force: true });
		}
		// The original, with its key, is as it was.
		expect((await verify(kitchen)).intact).toBe(true);
	});

	it('gives the sequence numbers of deleted records, in the middle and at the end', async () => {
		const kitchen = await kitchenWithLedger();
		await server.superuser.collection('morning_checks').delete(kitchen.ids[1]!); // seq 2
		await server.superuser.collection('morning_checks').delete(kitchen.ids[3]!); // seq 5, the newest
		const report = await verify(kitchen);
		expect(report.problems).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ kind: 'missing', from: 2, to: 2 }),
				expect.objectContaining({ kind: 'missing', from: 5, to: 5 }),
				expect.objectContaining({ kind: 'digest_mismatch', day: chinaDate() })
			])
		);
	});

	it('reports a record inserted without a chain place', async () => {
		const kitchen = await kitchenWithLedger();
		const device = kitchen.kiosk.authStore.record!.id;
		const inserted = await server.superuser.collection('morning_checks').create({
			canteen: kitchen.fixture.canteen.id,
			device,
			staff: kitchen.fixture.staff['李秀英']!.id,
			staff_name: '李秀英',
			date: chinaDate(-1),
			checked_at: new Date(Date.now() - 86400000).toISOString(),
			temperature: 36.5,
			checked_by: '王建国',
			outcome: 'fit'
		});
		const report = await verify(kitchen);
		expect(report.problems).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'unchained', id: inserted.id })]));
	});

	it('catches a forged record that continues the chain correctly, through the sealed daily digest', async () => {
		const kitchen = await kitchenWithLedger();
		// Someone who knows the algorithm appends a well-formed record after the day was sealed.
		const forged = kitchen.chain.next({ id: newRecordId(), staff: kitchen.fixture.staff['张伟']!.id });
		await server.superuser.collection('morning_checks').create({
			...forged,
			staff_name: '张伟',
			date: chinaDate(),
			outcome: 'fit',
			received_at: new Date().toISOString()
		});
		const report = await verify(kitchen);
		expect(report.problems).toContainEqual(expect.objectContaining({ kind: 'digest_mismatch', day: chinaDate() }));
	});

	it('seals each past day once, by the hourly job, and never replaces a digest', async () => {
		const kitchen = await kitchenWithLedger(2, { seal: false });
		await server.superuser.send('/api/mingchu/ledger/digests', { method: 'POST', body: {} });
		const digests = await kitchen.fixture.admin.collection('daily_digests').getFullList({ sort: 'day' });
		// Today is not over, so it is not sealed; the seven days before are, empty.
		expect(digests.map((d) => [d.day, d.records])).toEqual(Array.from({ length: 7 }, (_, i) => [chinaDate(i - 7), 0]));
		await server.superuser.send('/api/mingchu/ledger/digests', { method: 'POST', body: {} });
		expect(await kitchen.fixture.admin.collection('daily_digests').getFullList()).toHaveLength(7);
		const report = await verify(kitchen);
		expect(report.problems).toEqual([]);
		expect(report.digests).toEqual([{ day: chinaDate(-1), records: 0, intact: true }]);
		expect(await statusOf(kitchen.fixture.admin.collection('daily_digests').update(digests[0]!.id, { digest: '0'.repeat(64) }))).toBe(403);
	});

	it('is open only to the canteen’s own administrators, for a valid range', async () => {
		const kitchen = await kitchenWithLedger(1);
		const stranger = await createCanteenWithStaff(server, { staff: { 陈静: {} } });
		expect((await refusal(verify(kitchen, stranger.admin))).status).toBe(404);
		expect((await refusal(verify(kitchen, kitchen.kiosk))).status).toBe(403);
		const backwards = kitchen.fixture.admin.send('/api/mingchu/ledger/verify', {
			query: { canteen: kitchen.fixture.canteen.id, from: chinaDate(), to: chinaDate(-3) }
		});
		expect((await refusal(backwards)).response.message).toContain('请选择有效的日期范围');
	});
});
