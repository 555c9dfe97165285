// The province's reference ingest (数据总仓): counties push their outboxes here (POST /v1/batches, see
// openapi.json), the province reads its views (GET /v1/views/*). One small Node service in front of
// PostgreSQL; bundled by server/build-hooks.mjs into server/province/dist/ingest.mjs.
//   PROVINCE_DATABASE_URL  postgres://… (required)
//   PROVINCE_PORT          default 8095;  PROVINCE_HOST default 127.0.0.1
//   PROVINCE_ADMIN_TOKEN   adds counties (POST /v1/admin/counties {county_id, name} → {token})
//   PROVINCE_VIEW_TOKEN    reads the views
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { SCHEMA_SQL } from './schema';
import { addCounty, applyBatch, countyOfToken } from './store';
import { VIEW_CONNECTION_OPTIONS, ViewError, grid, headline, monthly, problems } from './views';

const MAX_BODY = 16 * 1024 * 1024;
/** Failed sign-ins per address and minute before the door answers 429. */
const FAILED_SIGN_INS_PER_MINUTE = 20;

export async function migrate(pool: pg.Pool) {
	await pool.query(SCHEMA_SQL);
}

function send(res: ServerResponse, status: number, body: unknown) {
	res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
	res.end(JSON.stringify(body));
}

class TooLarge extends Error {}

async function readJson(req: IncomingMessage): Promise<unknown> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		size += (chunk as Buffer).length;
		if (size > MAX_BODY) throw new TooLarge();
		chunks.push(chunk as Buffer);
	}
	return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json',
	'.webmanifest': 'application/manifest+json',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.woff2': 'font/woff2'
};
const PAGE_POLICY =
	"default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/**
 * The app's built files (the province's page, /province): the same build PocketBase serves at the
 * county, so the page and /v1/views share this origin. Unknown paths get the app's shell.
 */
function serveApp(appDir: string, pathname: string, res: ServerResponse) {
	const relative = normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, '');
	let file = join(appDir, relative);
	if (!file.startsWith(appDir) || !existsSync(file) || !statSync(file).isFile()) file = join(appDir, 'index.html');
	if (!existsSync(file)) return send(res, 404, { message: 'the app is not built here (npm run build)' });
	res.writeHead(200, {
		'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
		'cache-control': pathname.startsWith('/_app/immutable/') ? 'public, max-age=31536000, immutable' : 'no-cache',
		'content-security-policy': PAGE_POLICY,
		'x-content-type-options': 'nosniff',
		'referrer-policy': 'no-referrer'
	});
	createReadStream(file).pipe(res);
}

function bearer(req: IncomingMessage): string {
	const header = req.headers.authorization ?? '';
	return header.startsWith('Bearer ') ? header.slice(7).trim() : '';
}

function sameSecret(given: string, expected: string | undefined): boolean {
	if (!expected || !given) return false;
	const a = Buffer.from(given);
	const b = Buffer.from(expected);
	return a.length === b.length && timingSafeEqual(a, b);
}

export function createIngest(pool: pg.Pool, env: NodeJS.ProcessEnv = process.env) {
	// The bundle lives in server/province/dist/: the repository's build/ is three folders up.
	const appDir = env.PROVINCE_APP_DIR ?? fileURLToPath(new URL('../../../build/', import.meta.url));
	const failures = new Map<string, { minute: number; count: number }>();
	const refuseSignIn = (req: IncomingMessage): boolean => {
		const address = req.socket.remoteAddress ?? '';
		const minute = Math.floor(Date.now() / 60000);
		const seen = failures.get(address);
		const count = seen && seen.minute === minute ? seen.count + 1 : 1;
		failures.set(address, { minute, count });
		if (failures.size > 10000) failures.clear();
		return count > FAILED_SIGN_INS_PER_MINUTE;
	};
	const blocked = (req: IncomingMessage) => {
		const seen = failures.get(req.socket.remoteAddress ?? '');
		return Boolean(seen && seen.minute === Math.floor(Date.now() / 60000) && seen.count > FAILED_SIGN_INS_PER_MINUTE);
	};
	const unauthorised = (req: IncomingMessage, res: ServerResponse) =>
		refuseSignIn(req) ? send(res, 429, { message: '尝试过多，请稍后再试 / Too many attempts, try again later' }) : send(res, 401, { message: '凭据无效 / Not signed in' });

	return createServer(async (req, res) => {
		const url = new URL(req.url ?? '/', 'http://ingest');
		try {
			if (blocked(req)) return send(res, 429, { message: '尝试过多，请稍后再试 / Too many attempts, try again later' });
			if (req.method === 'GET' && url.pathname === '/health') return send(res, 200, { ok: true });
			if (req.method === 'POST' && url.pathname === '/v1/batches') {
				const county = await countyOfToken(pool, bearer(req));
				if (!county) return unauthorised(req, res);
				let body: unknown;
				try {
					body = await readJson(req);
				} catch (error) {
					if (error instanceof TooLarge) return send(res, 413, { message: 'batch over 16 MB' });
					return send(res, 400, { message: 'not JSON' });
				}
				const answer = await applyBatch(pool, county, body);
				return send(res, answer.status, answer.body);
			}
			if (req.method === 'POST' && url.pathname === '/v1/admin/counties') {
				if (!sameSecret(bearer(req), env.PROVINCE_ADMIN_TOKEN)) return unauthorised(req, res);
				const body = (await readJson(req)) as { county_id?: unknown; name?: unknown };
				const countyId = String(body.county_id ?? '');
				const name = String(body.name ?? '').trim();
				if (!/^\d{6}$/.test(countyId) || !name) return send(res, 400, { message: 'county_id: 6-digit division code; name: required' });
				const token = randomBytes(24).toString('base64url');
				await addCounty(pool, countyId, name, token);
				return send(res, 200, { county_id: countyId, name, token });
			}
			if (req.method === 'GET' && url.pathname.startsWith('/v1/views/')) {
				if (!sameSecret(bearer(req), env.PROVINCE_VIEW_TOKEN)) return unauthorised(req, res);
				const query = Object.fromEntries(url.searchParams);
				const view = url.pathname.slice('/v1/views/'.length);
				if (view === 'grid') return send(res, 200, await grid(pool, query));
				if (view === 'monthly') return send(res, 200, await monthly(pool, query));
				if (view === 'headline') return send(res, 200, await headline(pool, query));
				if (view === 'problems') return send(res, 200, await problems(pool));
			}
			if (req.method === 'GET' && !url.pathname.startsWith('/v1/') && !url.pathname.startsWith('/api/')) return serveApp(appDir, url.pathname, res);
			return send(res, 404, { message: 'not found' });
		} catch (error) {
			if (error instanceof ViewError) return send(res, 400, { message: error.message });
			if (error instanceof SyntaxError) return send(res, 400, { message: 'not JSON' });
			console.error(error);
			// The county keeps the batch and tries again later.
			if (!res.headersSent) send(res, 503, { message: 'the warehouse could not take this now' });
		}
	});
}

async function main() {
	const connectionString = process.env.PROVINCE_DATABASE_URL;
	if (!connectionString) {
		console.error('PROVINCE_DATABASE_URL is required (postgres://user@host:port/db)');
		process.exit(2);
	}
	const pool = new pg.Pool({ connectionString, max: Number(process.env.PROVINCE_POOL ?? 8), options: VIEW_CONNECTION_OPTIONS });
	await migrate(pool);
	const port = Number(process.env.PROVINCE_PORT ?? 8095);
	const host = process.env.PROVINCE_HOST ?? '127.0.0.1';
	const server = createIngest(pool);
	server.listen(port, host, () => console.log(`province ingest on http://${host}:${port}`));
	const stop = () => server.close(() => void pool.end().then(() => process.exit(0)));
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '-')) void main();
