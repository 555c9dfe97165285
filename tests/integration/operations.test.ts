// What an operator installing Mingchu at a school relies on (issue 14): a data directory only the service
// can read, a quiet log, daily backups that restore into a server whose ledger verifies, and an
// upgrade to keyed seals that leaves the ledger intact.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type PocketBase from 'pocketbase';
import { newRecordId } from '$lib/db/ids';
import { pushChecks, TestChain } from '../fixtures/morning-checks';
import { evidencePhotoForm, sha256Hex } from '../fixtures/photos';
import { chinaDate, createCanteenWithStaff, enrolKiosk, startTestServer, type CanteenFixture, type TestServer } from '../fixtures/server';
import { freePort, pocketbaseBin, root, startPocketBase, upsertSuperuser } from '../../server/pocketbase.mjs';
import { signInAdministrator, signInSuperuser } from '../../server/provision.mjs';

const SUPERUSER = { email: 'operator@test.local', password: 'operator-password-1' };

let server: TestServer;
let canteen: CanteenFixture;
let kiosk: PocketBase;
let checkIds: string[];
let photoRecord: string;

const mode = (path: string) => statSync(path).mode & 0o777;
const verify = (pb: PocketBase) =>
	pb.send<{ intact: boolean; checked: number; problems: unknown[] }>('/api/mingchu/ledger/verify', {
		query: { canteen: canteen.canteen.id, from: chinaDate(-1), to: chinaDate() }
	});

/** Every file and folder below `dir`, with its permission bits. */
function modesBelow(dir: string): [string, number][] {
	return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((entry) => [entry, mode(join(dir, entry))]);
}

beforeAll(async () => {
	server = await startTestServer();
	canteen = await createCanteenWithStaff(server, { name: '实验小学食堂', staff: { 李秀英: {}, 张伟: {} } });
	const enrolled = await enrolKiosk(server, canteen);
	kiosk = enrolled.pb;
	const chain = new TestChain({ canteen: canteen.canteen.id, device: enrolled.enrolment.device.id });
	const png = await readFile(new URL('../../static/icon-192.png', import.meta.url));
	const digest = sha256Hex(png);
	const records = [
		chain.next({ id: newRecordId(), staff: canteen.staff['李秀英']!.id, photo_sha256: digest }),
		chain.next({ id: newRecordId(), staff: canteen.staff['张伟']!.id })
	];
	expect((await pushChecks(kiosk, records)).map((r) => r.status)).toEqual(['stored', 'stored']);
	checkIds = records.map((r) => r.id);
	photoRecord = records[0]!.id;
	await kiosk.collection('evidence_photos').create(evidencePhotoForm({ canteen: canteen.canteen.id, device: enrolled.enrolment.device.id, record: photoRecord, digest, bytes: png }));
	await server.superuser.send('/api/mingchu/ledger/digests', { method: 'POST', body: { canteen: canteen.canteen.id, day: chinaDate() } });
});

afterAll(async () => {
	await server?.dispose();
});

describe('the data directory', () => {
	it('is readable by the service alone, photos and keys included, and an older install is closed at start', async () => {
		const dir = server.server.dataDir;
		expect(mode(dir)).toBe(0o700);
		const open = modesBelow(dir).filter(([, bits]) => (bits & 0o077) !== 0);
		expect(open).toEqual([]);
		expect(modesBelow(dir).map(([entry]) => entry)).toEqual(expect.arrayContaining(['data.db', 'auxiliary.db', 'seal.key']));
		expect(modesBelow(join(dir, 'storage')).length).toBeGreaterThan(0);
		// As an install before this change left them: world-readable.
		await server.stop();
		chmodSync(dir, 0o755);
		chmodSync(join(dir, 'data.db'), 0o644);
		await server.restart();
		expect(mode(dir)).toBe(0o700);
		expect(mode(join(dir, 'data.db'))).toBe(0o600);
	});
});

describe('the log', () => {
	it('does not list every SQL statement, even when PocketBase would think it runs from `go run` (a clone under /tmp)', async () => {
		// PocketBase switches development mode on by itself for a binary under the temp directory.
		const binDir = mkdtempSync(join(tmpdir(), 'mingchu-bin-'));
		symlinkSync(pocketbaseBin(), join(binDir, 'pocketbase'));
		const dataDir = mkdtempSync(join(tmpdir(), 'mingchu-log-'));
		const before = process.env.POCKETBASE_BIN;
		process.env.POCKETBASE_BIN = join(binDir, 'pocketbase');
		try {
			for (const dev of [false, true]) {
				const quiet = await startPocketBase({ dataDir, dev });
				await fetch(`${quiet.url}/api/collections/canteens/records`);
				await new Promise((resolve) => setTimeout(resolve, 300));
				await quiet.stop();
				// Asked for (`npm start -- --dev`), the statements are there: the check can see them.
				expect(/SELECT /.test(quiet.output()), `dev=${dev}`).toBe(dev);
			}
		} finally {
			if (before === undefined) delete process.env.POCKETBASE_BIN;
			else process.env.POCKETBASE_BIN = before;
			rmSync(binDir, { recursive: true, force: true });
			rmSync(dataDir, { recursive: true, force: true });
		}
	});
});

describe('the start command', () => {
	it('prints the operator’s password once, when it is made, and after that only where it is kept', async () => {
		const dataDir = mkdtempSync(join(tmpdir(), 'mingchu-start-'));
		const start = async () => {
			const child = spawn(process.execPath, [`${root}server/start.mjs`], {
				env: { ...process.env, MINGCHU_DATA: dataDir, MINGCHU_HTTP: `127.0.0.1:${await freePort()}`, MINGCHU_VIDEO: 'off' }
			});
			let output = '';
			child.stdout.on('data', (chunk) => (output += chunk));
			child.stderr.on('data', (chunk) => (output += chunk));
			await eventually(async () => {
				if (!output.includes('按 Ctrl+C 停止')) throw new Error(`not started yet:\n${output}`);
			}, 60_000);
			child.kill('SIGTERM');
			await new Promise((resolve) => child.once('exit', resolve));
			return output;
		};
		try {
			const first = await start();
			const { password } = JSON.parse(readFileSync(join(dataDir, 'superuser.json'), 'utf8'));
			expect(first).toContain(password);
			expect(mode(join(dataDir, 'superuser.json'))).toBe(0o600);
			const second = await start();
			expect(second).not.toContain(password);
			expect(second).toContain(`password in ${join(dataDir, 'superuser.json')}`);
			// Nor any SQL statement: development mode is off.
			expect(second).not.toMatch(/SELECT /);
		} finally {
			rmSync(dataDir, { recursive: true, force: true });
		}
	}, 150_000);
});

describe('the demo start (npm start)', () => {
	it('seeds the demo county through the real rate limits, and runs the province warehouse with the county in it', async () => {
		const dataDir = mkdtempSync(join(tmpdir(), 'mingchu-demo-start-'));
		const provincePort = await freePort();
		const child = spawn(process.execPath, [`${root}server/start.mjs`, '--demo'], {
			env: { ...process.env, MINGCHU_DATA: dataDir, MINGCHU_HTTP: `127.0.0.1:${await freePort()}`, MINGCHU_VIDEO: 'off', PROVINCE_PORT: String(provincePort) }
		});
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		try {
			await eventually(async () => {
				if (child.exitCode !== null) throw new Error(`the demo stopped:\n${output.slice(-3000)}`);
				if (!output.includes('按 Ctrl+C 停止')) throw new Error(`not started yet:\n${output.slice(-2000)}`);
			}, 280_000);
			expect(output).toContain(`http://127.0.0.1:${provincePort}`);
			const viewer = /Authorization: Bearer ([A-Za-z0-9_-]+)/.exec(output)![1]!;
			// The county's history reaches the province (the backfill, or the minute job's first run).
			const headline = await eventually(async () => {
				const answer = await (await fetch(`http://127.0.0.1:${provincePort}/v1/views/headline`, { headers: { authorization: `Bearer ${viewer}` } })).json();
				if (answer.units.connected < 4 || answer.completeness.owed === 0) throw new Error(JSON.stringify(answer));
				return answer;
			}, 90_000);
			expect(headline.units.canteens).toBe(5);
		} finally {
			child.kill('SIGTERM');
			await new Promise((resolve) => child.once('exit', resolve));
			rmSync(dataDir, { recursive: true, force: true });
			rmSync(`${dataDir}-province`, { recursive: true, force: true });
		}
	}, 420_000);
});

describe('backups', () => {
	it('are made daily and kept two weeks, photos included, and restore into a fresh server whose ledger verifies', async () => {
		const settings = await server.superuser.settings.getAll();
		expect(settings.backups).toMatchObject({ cron: '30 3 * * *', cronMaxKeep: 14 });

		await server.superuser.backups.create('nightly.zip');
		const token = await server.superuser.files.getToken();
		const archive = await (await fetch(server.superuser.backups.getDownloadURL(token, 'nightly.zip'))).blob();
		expect(archive.size).toBeGreaterThan(10_000);

		// A new machine: an empty data directory, the backup uploaded and restored from the dashboard's API.
		const dataDir = mkdtempSync(join(tmpdir(), 'mingchu-restore-'));
		await upsertSuperuser({ dataDir, ...SUPERUSER });
		const fresh = await startPocketBase({ dataDir });
		try {
			const operator = await signInSuperuser({ url: fresh.url, ...SUPERUSER });
			await operator.backups.upload({ file: new File([archive], 'nightly.zip') });
			await operator.backups.restore('nightly.zip');
			// PocketBase restarts itself into the restored data directory.
			const admin = await eventually(() => signInAdministrator({ url: fresh.url, ...canteen.adminCredentials }));
			const report = await verify(admin);
			expect(report.problems).toEqual([]);
			expect(report).toMatchObject({ intact: true, checked: 2 });
			const photo = await admin.collection('evidence_photos').getFirstListItem(`record_id = "${photoRecord}"`);
			const fileToken = await admin.files.getToken();
			const bytes = await (await fetch(admin.files.getURL(photo, photo.photo, { token: fileToken }))).arrayBuffer();
			expect(sha256Hex(new Uint8Array(bytes))).toBe(photo.sha256);
		} finally {
			await fresh.stop();
			rmSync(dataDir, { recursive: true, force: true });
		}
	});
});

describe('the upgrade to keyed seals', () => {
	it('seals again what was sealed before, so that a ledger sealed the old way verifies after it', async () => {
		// Seals as the old code left them: no longer what the keyed seal of the record is.
		for (const id of checkIds) await server.superuser.collection('morning_checks').update(id, { seal: 'f'.repeat(64) });
		expect((await verify(canteen.admin)).intact).toBe(false);
		await server.stop();
		const cli = (...args: string[]) => {
			// `migrate down` asks for a yes.
			const done = spawnSync(pocketbaseBin(), [...args, `--dir=${server.server.dataDir}`, `--migrationsDir=${root}server/pb_migrations`, `--hooksDir=${root}server/pb_hooks`], {
				input: 'y\n',
				timeout: 30_000
			});
			expect(done.status, `${args.join(' ')}: ${done.stderr}`).toBe(0);
		};
		// Down to before the keyed seals (every migration since has its own down), then up again.
		const since = readdirSync(`${root}server/pb_migrations`).filter((file) => file.endsWith('.js') && file >= '1765700000').length;
		cli('migrate', 'down', String(since));
		cli('migrate', 'up');
		await server.restart();
		const report = await verify(await signInAdministrator({ url: server.server.url, ...canteen.adminCredentials }));
		expect(report.problems).toEqual([]);
		expect(report.intact).toBe(true);
	});
});

async function eventually<T>(attempt: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			return await attempt();
		} catch (error) {
			if (Date.now() > deadline) throw error;
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}
}
