// Starting and stopping a PocketBase with Mingchu's migrations, hooks and built app. Used by the start
// command, the tests and the benchmarks, so that all of them run the server the same way.
import { spawn, execFile } from 'node:child_process';
import { chmodSync, lstatSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const root = fileURLToPath(new URL('..', import.meta.url));

export function pocketbaseBin() {
	return process.env.POCKETBASE_BIN || `${root}server/bin/pocketbase`;
}

/** A port the OS reports free right now on 127.0.0.1. */
/** @returns {Promise<number>} */
export function freePort() {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.unref();
		probe.on('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address();
			probe.close(() => resolve(port));
		});
	});
}

/**
 * The data directory holds health data, NVR addresses and the token-signing and seal keys: the service
 * alone may read it. Files PocketBase creates inherit a 077 umask (withPrivateUmask); what an older
 * install left readable by others is closed here, at every start.
 */
export function tightenPermissions(dir) {
	chmodSync(dir, 0o700);
	for (const entry of readdirSync(dir)) {
		const path = `${dir}/${entry}`;
		const stat = lstatSync(path);
		if (stat.isSymbolicLink()) continue;
		if (stat.isDirectory()) tightenPermissions(path);
		else chmodSync(path, stat.mode & 0o700);
	}
}

/** Runs `start` (which spawns) with umask 077, so that every file the child creates is private. */
function withPrivateUmask(start) {
	const before = process.umask(0o077);
	try {
		return start();
	} finally {
		process.umask(before);
	}
}

export async function upsertSuperuser({ dataDir, email, password }) {
	await withPrivateUmask(() => run(pocketbaseBin(), [
		'superuser',
		'upsert',
		email,
		password,
		`--dir=${dataDir}`,
		`--migrationsDir=${root}server/pb_migrations`,
		`--hooksDir=${root}server/pb_hooks`
	]));
}

async function waitForHealth(url, child, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`PocketBase exited with code ${child.exitCode}`);
		try {
			const response = await fetch(`${url}/api/health`);
			if (response.ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error(`PocketBase did not answer on ${url} within ${timeoutMs} ms`);
}

/**
 * JS runtimes kept warm for the hooks. When every one is busy PocketBase makes a throwaway runtime per
 * request, which loads the hooks and compiles the rule bundle again: under a county's lunch peak that
 * was the server's biggest cost (bench/county). MINGCHU_HOOKS_POOL overrides.
 */
function hooksPool() {
	return Number(process.env.MINGCHU_HOOKS_POOL) || 40;
}

/**
 * Runs `pocketbase serve` and resolves once /api/health answers. `stop()` ends it and waits for the
 * port to be released, so a test can start it again on the same port (a "server restart").
 */
/**
 * @param {{ dataDir: string, host?: string, port?: number, publicDir?: string, log?: 'pipe' | 'inherit', env?: Record<string, string>, dev?: boolean }} options
 *   env: added to the server's environment (the video settings, see server/video.mjs)
 *   dev: PocketBase's development mode (every SQL statement in the log); off unless asked for
 */
export async function startPocketBase({ dataDir, host = '127.0.0.1', port: wanted, publicDir = `${root}build`, log = 'pipe', env = {}, dev = false }) {
	tightenPermissions(dataDir);
	/** @type {number} */
	const port = wanted ?? (await freePort());
	const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
	const child = withPrivateUmask(() => spawn(
		pocketbaseBin(),
		[
			'serve',
			`--http=${host}:${port}`,
			`--dir=${dataDir}`,
			`--publicDir=${publicDir}`,
			`--hooksDir=${root}server/pb_hooks`,
			`--migrationsDir=${root}server/pb_migrations`,
			'--automigrate=false',
			'--hooksWatch=false',
			`--hooksPool=${hooksPool()}`,
			// Said outright: PocketBase turns development mode on by itself when its binary lies under
			// the temp or Go cache directory (a clone in /tmp), and then logs every SQL statement.
			`--dev=${dev}`
		],
		{ stdio: ['ignore', log, log], env: { ...process.env, ...env } }
	));
	let output = '';
	child.stdout?.on('data', (chunk) => (output += chunk));
	child.stderr?.on('data', (chunk) => (output += chunk));
	try {
		await waitForHealth(url, child, 30_000);
	} catch (error) {
		child.kill('SIGKILL');
		throw new Error(`${error.message}\n${output}`);
	}
	const exited = new Promise((resolve) => child.once('exit', resolve));
	return {
		url,
		port,
		dataDir,
		child,
		output: () => output,
		/** @param {NodeJS.Signals} [signal] SIGKILL simulates a crash or power cut. */
		async stop(signal = 'SIGTERM') {
			if (child.exitCode === null) {
				child.kill(signal);
				await exited;
			}
		}
	};
}
