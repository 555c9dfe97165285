// Faults of a school's server room (issue 14), each against a real PocketBase with a kiosk's own sync
// engine and IndexedDB: a server that hangs mid-drain, a full disk, power cut during a write burst
// twenty times over, and a tablet whose clock is a day off. After each: every record the kiosk saved
// is on the server exactly once, and the ledger verifies.
//   FAULT_HANG_SECONDS=30 (default)   how long the server is stopped
//   FAULT_POWER_CUTS=20 (default)     how many SIGKILLs during writes
import 'fake-indexeddb/auto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type PocketBase from 'pocketbase';
import { DEFAULT_SETTINGS, localDateOf } from '$lib/domain';
import { KitchenDb } from '$lib/db/schema';
import { createPocketBase } from '$lib/pb/client';
import { classifyApiError } from '$lib/pb/errors';
import { recordMorningCheck } from '$lib/repos/morning-checks';
import { SyncEngine } from '$lib/sync/engine';
import { seededRandom } from '../fixtures/fault-proxy';
import { healthyCheck } from '../fixtures/morning-checks';
import { createCanteenWithStaff, enrolKiosk, startTestServer, type CanteenFixture, type TestServer } from '../fixtures/server';

const HANG_SECONDS = Number(process.env.FAULT_HANG_SECONDS ?? 30);
const POWER_CUTS = Number(process.env.FAULT_POWER_CUTS ?? 20);
const DAY = 24 * 3600_000;

let databases = 0;
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
	vi.useRealTimers();
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Kitchen {
	server: TestServer;
	canteen: CanteenFixture;
	db: KitchenDb;
	engine: SyncEngine;
	pb: PocketBase;
	device: string;
	saved: string[];
}

async function kitchen(server: TestServer, { timeoutMs = 5_000, batchSize = 5 } = {}): Promise<Kitchen> {
	const canteen = await createCanteenWithStaff(server, { name: '机房故障食堂', staff: { 甲: {}, 乙: {}, 丙: {} } });
	const { enrolment } = await enrolKiosk(server, canteen);
	databases += 1;
	const db = new KitchenDb(`server-faults-${databases}`);
	const pb = createPocketBase({ baseUrl: server.server.url, authKey: `server-faults-${databases}`, timeoutMs });
	cleanups.push(() => db.close());
	return { server, canteen, db, pb, engine: new SyncEngine({ db, pb, enrolment, batchSize }), device: enrolment.device.id, saved: [] };
}

async function saveChecks(k: Kitchen, count: number) {
	const people = Object.values(k.canteen.staff);
	for (let i = 0; i < count; i += 1) {
		const person = people[i % people.length]!;
		const result = await recordMorningCheck({
			db: k.db,
			settings: DEFAULT_SETTINGS,
			canteen: k.canteen.canteen.id,
			device: k.device,
			staff: { id: person.id, name: person.name, food_contact: false, certificate: {} },
			input: healthyCheck({ staff: person.id, temperature: 36 + (i % 8) / 10 })
		});
		if (!result.ok) throw new Error('a healthy check was not saved');
		k.saved.push(result.record.id);
	}
}

/** Syncs until the outbox is empty; returns how many attempts failed on the way, and why. */
async function drain(k: Kitchen, { attempts = 200, pauseMs = 500 } = {}) {
	const failures: string[] = [];
	for (let attempt = 0; attempt < attempts; attempt += 1) {
		try {
			await k.engine.sync();
			if ((await k.db.outbox.count()) === 0) return failures;
		} catch (error) {
			const problem = classifyApiError(error);
			failures.push(problem.kind === 'offline' ? 'offline' : `${problem.kind}: ${'message' in problem ? problem.message : ''}`);
		}
		await new Promise((resolve) => setTimeout(resolve, pauseMs));
	}
	throw new Error(`the outbox did not empty; failures: ${failures.join(' | ')}`);
}

async function expectExactlyOnceAndIntact(k: Kitchen) {
	const stored = await k.server.superuser
		.collection('morning_checks')
		.getFullList({ filter: `canteen = "${k.canteen.canteen.id}"`, fields: 'id' });
	const ids = stored.map((record) => record.id as string);
	expect(new Set(ids).size, 'no check is stored twice').toBe(ids.length);
	expect(ids.sort(), 'the server holds exactly the checks the kiosk saved').toEqual([...k.saved].sort());
	expect(await k.db.outbox.count(), 'nothing left to send').toBe(0);
	const today = localDateOf(new Date(), DEFAULT_SETTINGS.utcOffsetMinutes);
	const report = await k.server.superuser.send('/api/mingchu/ledger/verify', {
		query: { canteen: k.canteen.canteen.id, from: today, to: today }
	});
	expect(report.problems, 'the chain verifies').toEqual([]);
	const [integrity] = await k.server.superuser.send<{ integrity_check: string }[]>('/api/sql', { method: 'POST', body: { query: 'PRAGMA integrity_check' } }).then(
		(rows) => (Array.isArray(rows) ? rows : [rows]),
		() => [null]
	);
	if (integrity) expect(JSON.stringify(integrity), 'SQLite finds the database sound').toContain('ok');
}

describe('a server room’s faults', () => {
	it(`a server that hangs for ${HANG_SECONDS} s in the middle of a drain: the kiosk gives up on each request, retries, and every check arrives once`, async () => {
		const server = await startTestServer();
		cleanups.push(() => server.dispose());
		const k = await kitchen(server, { timeoutMs: 3_000 });
		await saveChecks(k, 150);
		const pid = server.server.child.pid!;
		const draining = drain(k, { pauseMs: 1_000 });
		// Once the drain is under way (the first batches are answered), the process stops answering.
		await vi.waitUntil(async () => (await k.db.outbox.count()) < 150, { timeout: 20_000, interval: 20 });
		process.kill(pid, 'SIGSTOP');
		const stoppedAt = Date.now();
		await new Promise((resolve) => setTimeout(resolve, HANG_SECONDS * 1000));
		process.kill(pid, 'SIGCONT');
		const failures = await draining;
		// It did not just wait: requests timed out while the server hung, and the drain went on after.
		expect(failures.filter((f) => f === 'offline').length, failures.join(' | ')).toBeGreaterThanOrEqual(Math.floor(HANG_SECONDS / 10));
		expect(Date.now() - stoppedAt).toBeGreaterThanOrEqual(HANG_SECONDS * 1000);
		await expectExactlyOnceAndIntact(k);
	}, 60_000 + HANG_SECONDS * 2000);

	it('a full disk: writes are refused with a clear reason, the kiosk keeps everything and delivers it when space returns, the database stays sound', async () => {
		expect(process.getuid?.(), 'this test mounts a small tmpfs and needs root (as CI and setup.sh run)').toBe(0);
		const mount = join(tmpdir(), `mingchu-full-${process.pid}-${Date.now()}`);
		mkdirSync(mount);
		execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=48m,mode=0700', 'tmpfs', mount]);
		cleanups.push(() => {
			execFileSync('umount', ['-l', mount]);
			rmSync(mount, { recursive: true, force: true });
		});
		const server = await startTestServer({ dataDir: join(mount, 'pb_data') });
		cleanups.push(() => server.stop());
		const k = await kitchen(server, { batchSize: 20 });
		await saveChecks(k, 10);
		expect(await drain(k)).toEqual([]);

		// The disk fills up (recordings, a runaway log): a few KB are left.
		const filler = join(mount, 'filler');
		const free = () => Number(execFileSync('df', ['--output=avail', '-B1', mount]).toString().split('\n')[1]);
		writeFileSync(filler, Buffer.alloc(Math.max(0, free() - 64 * 1024)));
		await saveChecks(k, 200);
		let refusal = '';
		for (let attempt = 0; attempt < 5 && !refusal; attempt += 1) {
			try {
				await k.engine.sync();
			} catch (error) {
				const problem = classifyApiError(error);
				if (problem.kind === 'server') refusal = problem.message;
			}
		}
		expect(refusal).toContain('服务器磁盘已满');
		expect(refusal).toContain('disk is full');
		// Nothing was set aside as refused: every check still waits on the tablet.
		expect(await k.db.morning_checks.where('sync').equals('refused').count()).toBe(0);
		expect(await k.db.outbox.count()).toBeGreaterThan(0);

		rmSync(filler);
		await drain(k);
		await expectExactlyOnceAndIntact(k);
		// And it starts again on the same files.
		await server.restart();
		await expectExactlyOnceAndIntact(k);
	}, 180_000);

	it(`${POWER_CUTS} power cuts during write bursts: the database opens every time, the ledger verifies, nothing acknowledged is missing`, async () => {
		const server = await startTestServer();
		cleanups.push(() => server.dispose());
		const k = await kitchen(server, { batchSize: 10 });
		const random = seededRandom(Number(process.env.FAULT_SEED ?? 14));
		for (let cut = 0; cut < POWER_CUTS; cut += 1) {
			await saveChecks(k, 30);
			const burst = k.engine.sync().catch(() => undefined);
			await new Promise((resolve) => setTimeout(resolve, 20 + Math.floor(random() * 150)));
			await server.restart('SIGKILL');
			await burst;
		}
		await drain(k);
		await expectExactlyOnceAndIntact(k);
	}, 300_000);

	it('a tablet whose clock is a day ahead: its records are accepted, marked 补录 for the clock, and its chain stays valid', async () => {
		const server = await startTestServer();
		cleanups.push(() => server.dispose());
		const k = await kitchen(server);
		// Only the tablet's Date is a day off; the server keeps the real time.
		vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + DAY, shouldAdvanceTime: true });
		await saveChecks(k, 6);
		expect(await drain(k)).toEqual([]);
		vi.useRealTimers();
		const stored = await server.superuser.collection('morning_checks').getFullList({ filter: `canteen = "${k.canteen.canteen.id}"` });
		expect(stored).toHaveLength(6);
		for (const record of stored) {
			expect(record.late).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'late.device_clock' })]));
			expect((record.late as { params: { minutes: number } }[]).find((f) => f.params.minutes)!.params.minutes).toBeLessThan(-23 * 60);
		}
		await expectExactlyOnceAndIntact(k);
	});
});
