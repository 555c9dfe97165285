// Edge mode (issue 17, section 4): the school's mini-PC runs MediaMTX with our configuration and no
// PocketBase. This agent beside it enrols once with the county server like a tablet (as an `edges`
// record), then every few seconds reports its cameras' state and learns their list from the county
// (pb_hooks/lib/edge.js); it answers MediaMTX's access questions, deciding alone what needs no county
// (public cameras on the LAN display, this machine's own calls) and asking the county the rest, with
// a cache so that what was allowed stays allowed through a WAN outage. Recording stays on the box.
//   node server/edge/agent.mjs --county https://county.example --code ABCD-EFGH --lan-host 192.168.1.20
// Later starts need only --county (the credentials are kept in the data directory, for the agent alone).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { freePort, root } from '../pocketbase.mjs';
import { ffmpegBin, startMediaMTX } from '../video.mjs';

// The same path configuration as the county's MediaMTX (app/lib/domain/camera.ts, bundled for the hooks).
const rules = createRequire(import.meta.url)('../pb_hooks/lib/domain.cjs');

/** How long an allowed viewer stays allowed without asking again; how long the answer is used when the county cannot be asked. */
const DECISION_FRESH_MS = 10 * 60_000;
const DECISION_OFFLINE_MS = 24 * 3600_000;
const REFUSAL_FRESH_MS = 30_000;

export const STANDARD_PORTS = { api: 9997, rtsp: 8554, webrtc: 8889, webrtcUdp: 8189, hls: 8888, playback: 9996 };

function readJson(path) {
	return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
}

function writePrivate(path, value) {
	writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value), { mode: 0o600 });
}

function sameSecret(given, expected) {
	const a = Buffer.from(String(given ?? ''));
	const b = Buffer.from(String(expected));
	return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Starts the agent and its MediaMTX.
 * @param {{ countyUrl: string, code?: string, dataDir: string, lanHost?: string, bind?: string,
 *   ports?: typeof STANDARD_PORTS, pollSeconds?: number, recordSegment?: string, log?: 'pipe' | 'inherit' }} options
 */
export async function startEdge({ countyUrl, code, dataDir, lanHost = '', bind = '127.0.0.1', ports = STANDARD_PORTS, pollSeconds = 15, recordSegment = '10m', log = 'pipe' }) {
	mkdirSync(dataDir, { recursive: true, mode: 0o700 });
	const county = countyUrl.replace(/\/+$/, '');

	// Enrolment, once: the one-time code from the county's administrator becomes this box's own secret.
	const credentialsFile = `${dataDir}/edge.json`;
	let credentials = readJson(credentialsFile);
	if (!credentials) {
		if (!code) throw new Error('首次启动需要绑定码 --code / The first start needs the enrolment code (--code)');
		const response = await fetch(`${county}/api/mingchu/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
		const enrolment = await response.json();
		if (!response.ok) throw new Error(`enrolment refused: ${enrolment.message ?? response.status}`);
		if (enrolment.collection !== 'edges') throw new Error('这是平板的绑定码，不是视频盒的 / This code is a tablet’s, not an edge box’s');
		credentials = { edge: enrolment.device, email: enrolment.email, secret: enrolment.secret };
		writePrivate(credentialsFile, credentials);
	}

	let token = '';
	async function signIn() {
		const response = await fetch(`${county}/api/collections/edges/auth-with-password`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ identity: credentials.email, password: credentials.secret }),
			signal: AbortSignal.timeout(10_000)
		});
		if (!response.ok) throw new Error(`sign-in refused: ${response.status}`);
		token = (await response.json()).token;
	}
	async function ask(path, body) {
		for (let attempt = 0; attempt < 2; attempt++) {
			if (!token) await signIn();
			const response = await fetch(`${county}${path}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', authorization: token },
				body: JSON.stringify(body),
				signal: AbortSignal.timeout(10_000)
			});
			if (response.status === 401) {
				token = '';
				continue;
			}
			if (!response.ok) throw new Error(`${path}: ${response.status}`);
			return response.json();
		}
		throw new Error(`${path}: not signed in`);
	}

	const secretFile = `${dataDir}/video-secret`;
	if (!existsSync(secretFile)) writePrivate(secretFile, randomBytes(16).toString('hex'));
	const secret = readFileSync(secretFile, 'utf8').trim();

	// The camera list as last heard from the county (with the NVR's addresses: for this box alone).
	const cacheFile = `${dataDir}/cameras.json`;
	let assignment = readJson(cacheFile);
	/** token|path|action → { allowed, at } */
	const decisions = new Map();
	let lastError = '';
	let countyReachable = false;

	async function decide(request) {
		const local = request.ip === '127.0.0.1' || request.ip === '::1';
		switch (request.action) {
			case 'api':
			case 'metrics':
			case 'pprof':
				return local && request.user === 'pocketbase' && sameSecret(request.password, secret);
			case 'publish':
				return local;
			case 'read':
			case 'playback': {
				if (request.user === 'forwarder' && local && sameSecret(request.password, secret)) return true;
				const camera = assignment?.cameras.find((c) => `c_${c.id}` === request.path);
				if (!camera) return false;
				// The dining-room display: public cameras live, decided here, county or no county.
				if (request.action === 'read' && camera.public && (request.protocol === 'webrtc' || request.protocol === 'hls')) return true;
				const viewer = request.token || /(?:^|&)token=([^&]*)/.exec(request.query ?? '')?.[1] || '';
				if (!viewer) return false;
				const key = `${viewer}|${request.path}|${request.action}`;
				const known = decisions.get(key);
				const age = known ? Date.now() - known.at : Infinity;
				if (known && age < (known.allowed ? DECISION_FRESH_MS : REFUSAL_FRESH_MS)) return known.allowed;
				try {
					const { allowed } = await ask('/api/mingchu/edge/authorise', { ...request, token: request.token, query: request.query ?? '' });
					if (decisions.size > 5000) decisions.clear();
					decisions.set(key, { allowed: Boolean(allowed), at: Date.now() });
					return Boolean(allowed);
				} catch {
					// The county is out of reach: what it allowed today is still allowed.
					return Boolean(known && known.allowed && age < DECISION_OFFLINE_MS);
				}
			}
			default:
				return false;
		}
	}

	// MediaMTX asks here (authHTTPAddress, with the video secret), as the county's MediaMTX asks PocketBase.
	const server = createServer(async (req, res) => {
		if (req.method !== 'POST' || req.url !== '/api/mingchu/video/auth') return void res.writeHead(404).end();
		const [user, password] = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString().split(':');
		if (user !== 'mediamtx' || !sameSecret(decodeURIComponent(password ?? ''), secret)) return void res.writeHead(401).end();
		const chunks = [];
		for await (const chunk of req) chunks.push(chunk);
		let allowed = false;
		try {
			allowed = await decide(JSON.parse(Buffer.concat(chunks).toString('utf8')));
		} catch {
			allowed = false;
		}
		res.writeHead(allowed ? 204 : 401).end();
	});
	const agentPort = await freePort();
	await new Promise((resolve) => server.listen(agentPort, '127.0.0.1', resolve));
	const agentUrl = `http://127.0.0.1:${agentPort}`;

	let mediamtx;
	try {
		mediamtx = await startMediaMTX({ dataDir, pocketbaseUrl: agentUrl, ports, secret, host: bind, webrtcHosts: lanHost ? [lanHost] : bind === '0.0.0.0' ? undefined : [bind], recordSegment, log });
	} catch (error) {
		server.close();
		throw error;
	}
	const api = (method, path, body) =>
		fetch(`${mediamtx.apiUrl}${path}`, {
			method,
			headers: { authorization: `Basic ${Buffer.from(`pocketbase:${secret}`).toString('base64')}`, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body)
		});

	/** Paths as last configured, so that an unchanged camera is not restarted at every poll. */
	const applied = new Map();
	async function put(name, conf) {
		const text = JSON.stringify(conf);
		if (applied.get(name) === text) return;
		const replaced = await api('POST', `/v3/config/paths/replace/${name}`, conf);
		if (!replaced.ok) {
			const added = await api('POST', `/v3/config/paths/add/${name}`, conf);
			if (!added.ok) throw new Error(`MediaMTX refused ${name}: ${added.status} ${await added.text()}`);
		}
		applied.set(name, text);
	}
	async function reconcile() {
		if (!assignment) return;
		const wanted = new Set();
		for (const camera of assignment.cameras) {
			const main = `c_${camera.id}`;
			const sub = `c_${camera.id}_sub`;
			if (camera.sub_address) {
				wanted.add(sub);
				await put(sub, rules.subStreamPathConf(camera.sub_address));
			}
			wanted.add(main);
			const input = `rtsp://forwarder:${secret}@127.0.0.1:${ports.rtsp}/${camera.sub_address ? sub : '$MTX_PATH'}`;
			await put(
				main,
				rules.cameraPathConf({
					source: camera.nvr_address,
					onDemand: camera.on_demand,
					retentionSeconds: assignment.retention_seconds,
					forward: camera.forward && camera.upstream_address ? { input, upstream: camera.upstream_address, ffmpeg: ffmpegBin() } : null
				})
			);
		}
		const listed = await (await api('GET', '/v3/config/paths/list?itemsPerPage=1000')).json();
		for (const item of listed.items ?? []) {
			if (item.name.startsWith('c_') && !wanted.has(item.name)) {
				await api('DELETE', `/v3/config/paths/delete/${item.name}`);
				applied.delete(item.name);
			}
		}
	}

	/** counters at the last report, for bitrates */
	let lastCounters = { at: 0, bytes: {} };
	async function states() {
		const out = {};
		const listed = await (await api('GET', '/v3/paths/list?itemsPerPage=1000')).json();
		const byName = Object.fromEntries((listed.items ?? []).map((item) => [item.name, item]));
		const now = Date.now();
		const seconds = (now - lastCounters.at) / 1000;
		const bytes = {};
		for (const camera of assignment?.cameras ?? []) {
			const path = byName[`c_${camera.id}`];
			const forwardPath = (camera.sub_address ? byName[`c_${camera.id}_sub`] : path) ?? {};
			bytes[camera.id] = Number(path?.bytesReceived ?? 0);
			const before = lastCounters.bytes[camera.id];
			out[camera.id] = {
				online: Boolean(path?.ready),
				forwarding: (forwardPath.readers ?? []).some((reader) => reader.type === 'rtspSession'),
				...(before !== undefined && seconds >= 5 && bytes[camera.id] >= before ? { bitrate_kbps: Math.round(((bytes[camera.id] - before) * 8) / seconds / 1000) } : {})
			};
		}
		lastCounters = { at: now, bytes };
		return out;
	}

	async function sync() {
		try {
			const report = { lan_host: lanHost, ports: { webrtc: ports.webrtc, hls: ports.hls, playback: ports.playback }, states: assignment ? await states() : {} };
			assignment = await ask('/api/mingchu/edge/sync', report);
			writePrivate(cacheFile, assignment);
			countyReachable = true;
			lastError = '';
		} catch (error) {
			countyReachable = false;
			lastError = String(error?.message ?? error);
		}
		// With the county out of reach, the box goes on with the list it last heard.
		await reconcile();
	}

	await sync();
	const timer = setInterval(() => void sync(), pollSeconds * 1000);
	return {
		url: agentUrl,
		ports,
		secret,
		mediamtx,
		edge: credentials.edge,
		/** Reports and fetches the camera list now (it happens every pollSeconds anyway). */
		sync,
		status: () => ({ countyReachable, lastError, cameras: assignment?.cameras.length ?? 0 }),
		async stop() {
			clearInterval(timer);
			await mediamtx.stop();
			await new Promise((resolve) => server.close(resolve));
		}
	};
}

function option(name) {
	const at = process.argv.indexOf(`--${name}`);
	return at > 0 ? process.argv[at + 1] : undefined;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	process.umask(0o077);
	const countyUrl = option('county') ?? process.env.MINGCHU_COUNTY_URL;
	if (!countyUrl) {
		console.error('usage: node server/edge/agent.mjs --county https://county.example [--code ABCD-EFGH] [--lan-host 192.168.1.20] [--data dir]');
		process.exit(2);
	}
	const edge = await startEdge({
		countyUrl,
		code: option('code') ?? process.env.MINGCHU_EDGE_CODE,
		dataDir: option('data') ?? process.env.MINGCHU_EDGE_DATA ?? `${root}server/edge-data`,
		lanHost: option('lan-host') ?? process.env.MINGCHU_EDGE_LAN_HOST ?? '',
		bind: option('bind') ?? process.env.MINGCHU_EDGE_BIND ?? '0.0.0.0',
		log: 'inherit'
	});
	const status = edge.status();
	console.log(
		[
			'',
			'明厨 edge box is running / 视频盒已启动',
			`  County 县级服务器: ${countyUrl} (${status.countyReachable ? `${status.cameras} cameras` : `out of reach: ${status.lastError}; using the last camera list`})`,
			`  Video 视频: RTSP ${edge.ports.rtsp}, WebRTC ${edge.ports.webrtc}, HLS ${edge.ports.hls}, playback ${edge.ports.playback}`,
			'  Stop with Ctrl+C / 按 Ctrl+C 停止',
			''
		].join('\n')
	);
	for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void edge.stop().then(() => process.exit(0)));
}
