// A private PostgreSQL (Debian's package) for the province tier: its own data directory, a free port
// on 127.0.0.1, password authentication, the socket inside the data directory. Used by the demo, the
// tests and bench/; a province in production points PROVINCE_DATABASE_URL at its own cluster instead.
// PostgreSQL refuses to run as root: as root, the cluster is made and run as the `postgres` user.
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { promisify } from 'node:util';
import { freePort, root } from '../pocketbase.mjs';

const run = promisify(execFile);

/** The newest PostgreSQL server binaries Debian installed (PG_BIN overrides). */
export function postgresBin() {
	if (process.env.PG_BIN) return process.env.PG_BIN;
	const base = '/usr/lib/postgresql';
	const versions = existsSync(base) ? readdirSync(base).filter((v) => existsSync(`${base}/${v}/bin/initdb`)) : [];
	if (!versions.length) throw new Error('PostgreSQL server not found: run server/install/setup.sh (installs Debian\'s postgresql)');
	versions.sort((a, b) => Number(b) - Number(a));
	return `${base}/${versions[0]}/bin`;
}

const asRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL program as the user that owns the cluster. */
function pgRun(program, args) {
	const bin = `${postgresBin()}/${program}`;
	return asRoot ? run('runuser', ['-u', 'postgres', '--', bin, ...args]) : run(bin, args);
}

/**
 * Starts a cluster in `dataDir` (made when empty) and a database `province`. Resolves to
 * { url, port, dataDir, stop(), dispose() }.
 */
/** @param {{ dataDir?: string, port?: number }} [options] */
export async function startPostgres({ dataDir = mkdtempSync(join(tmpdir(), 'mingchu-pg-')), port: wanted } = {}) {
	const user = 'mingchu';
	const fresh = !existsSync(`${dataDir}/PG_VERSION`);
	// Kept in the cluster's own directory (readable by its owner alone) for the next start.
	const kept = `${dataDir}/mingchu-password`;
	const password = fresh ? randomBytes(16).toString('hex') : readFileSync(kept, 'utf8').trim();
	if (asRoot) chownSync(dataDir, ...(await ownerIds()));
	const passwordFile = `${dataDir}.pw`;
	if (fresh) {
		writeFileSync(passwordFile, password, { mode: 0o600 });
		if (asRoot) chownSync(passwordFile, ...(await ownerIds()));
		await pgRun('initdb', ['-D', dataDir, '-U', user, `--pwfile=${passwordFile}`, '-A', 'scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync']);
		rmSync(passwordFile, { force: true });
		writeFileSync(kept, password, { mode: 0o600 });
		if (asRoot) chownSync(kept, ...(await ownerIds()));
	}
	const port = wanted ?? (await freePort());
	const options = `-p ${port} -h 127.0.0.1 -k ${dataDir} -c fsync=${process.env.PROVINCE_PG_FSYNC ?? 'on'} -c max_connections=60`;
	await pgRun('pg_ctl', ['-D', dataDir, '-o', options, '-l', `${dataDir}/server.log`, '-w', '-t', '60', 'start']);
	const admin = `postgres://${user}:${password}@127.0.0.1:${port}`;
	if (fresh) {
		const pg = (await import('pg')).default;
		const client = new pg.Client({ connectionString: `${admin}/postgres` });
		await client.connect();
		await client.query('CREATE DATABASE province');
		await client.end();
	}
	const stop = () => pgRun('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']).catch(() => undefined);
	return {
		url: `${admin}/province`,
		port,
		dataDir,
		stop,
		async dispose() {
			await stop();
			rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

function portFree(port) {
	return new Promise((resolve) => {
		const probe = createServer();
		probe.once('error', () => resolve(false));
		probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
	});
}

async function ownerIds() {
	const { stdout } = await run('id', ['-u', 'postgres']);
	const { stdout: group } = await run('id', ['-g', 'postgres']);
	return [Number(stdout.trim()), Number(group.trim())];
}

/**
 * Runs the ingest (server/province/dist/ingest.mjs) as its own process, as a province runs it. Resolves
 * once /health answers; `stop('SIGKILL')` kills it mid-batch.
 */
/** @param {{ databaseUrl: string, port?: number, env?: Record<string, string> }} options */
export async function startIngest({ databaseUrl, port: wanted, env = {} }) {
	const port = wanted ?? (await freePort());
	// Another ingest still on the port would answer the health check in this one's place.
	if (wanted && !(await portFree(wanted))) throw new Error(`port ${wanted} is in use (another ingest still running?): set PROVINCE_PORT`);
	const child = spawn(process.execPath, [`${root}server/province/dist/ingest.mjs`], {
		env: { ...process.env, PROVINCE_DATABASE_URL: databaseUrl, PROVINCE_PORT: String(port), ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));
	const url = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 20_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`ingest exited: ${output}`);
		try {
			if ((await fetch(`${url}/health`)).ok) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(`ingest did not start: ${output}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	const exited = new Promise((resolve) => child.once('exit', resolve));
	return {
		url,
		port,
		output: () => output,
		/** @param {NodeJS.Signals} [signal] SIGKILL: killed mid-batch */
		async stop(signal = 'SIGTERM') {
			if (child.exitCode === null && child.signalCode === null) {
				child.kill(signal);
				await exited;
			}
		}
	};
}
