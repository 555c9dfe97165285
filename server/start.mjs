// Starts Mingchu: PocketBase serving the API and the built app on one origin.
//   node server/start.mjs [--demo]
// Environment: MINGCHU_HTTP (host:port, default 127.0.0.1:8090), MINGCHU_DATA (data directory,
// default server/pb_data), POCKETBASE_BIN / MEDIAMTX_BIN (prebuilt binaries), MINGCHU_VIDEO=off (no
// MediaMTX).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { root, startPocketBase, upsertSuperuser } from './pocketbase.mjs';
import { signInSuperuser } from './provision.mjs';
import { seedDemo } from './demo.mjs';
import { startMediaMTX, startSimulatedNvr, videoEnv } from './video.mjs';
import { startDemoProvince } from './province/demo.mjs';

// The simulated NVR listens on a fixed port so that the demo cameras stored in the database find it
// again after a restart.
const SIMULATED_NVR_PORT = 18554;
const SIMULATED_NVR = `rtsp://127.0.0.1:${SIMULATED_NVR_PORT}/`;

// Everything this process and its children write (database, photos, recordings, keys) is for the
// service alone.
process.umask(0o077);
const demo = process.argv.includes('--demo');
// `npm start -- --dev`: PocketBase's development mode, with every SQL statement in the log.
const dev = process.argv.includes('--dev');
const [host, port] = (process.env.MINGCHU_HTTP ?? '127.0.0.1:8090').split(':');
const dataDir = process.env.MINGCHU_DATA ?? `${root}server/pb_data`;
mkdirSync(dataDir, { recursive: true });

// The superuser of a demo install gets a generated password, kept in the data directory (readable by
// the service alone) and printed once, when it is made: not at every start, into the journal.
const credentialsFile = `${dataDir}/superuser.json`;
const newSuperuser = !existsSync(credentialsFile);
if (newSuperuser) {
	writeFileSync(
		credentialsFile,
		JSON.stringify({ email: 'operator@mingchu.local', password: randomBytes(10).toString('hex') }),
		{ mode: 0o600 }
	);
}
const superuserCredentials = JSON.parse(readFileSync(credentialsFile, 'utf8'));
await upsertSuperuser({ dataDir, ...superuserCredentials });

// Video: MediaMTX beside PocketBase on the usual MediaMTX ports (MINGCHU_VIDEO=off runs without it).
const withVideo = process.env.MINGCHU_VIDEO !== 'off';
const videoPortsInUse = { api: 9997, rtsp: 8554, webrtc: 8889, webrtcUdp: 8189, hls: 8888, playback: 9996 };
const secretFile = `${dataDir}/video-secret`;
if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(16).toString('hex'), { mode: 0o600 });
const videoSecret = readFileSync(secretFile, 'utf8').trim();
const env = withVideo ? videoEnv({ ports: videoPortsInUse, secret: videoSecret }) : {};

// The demo's province tier (server/province/demo.mjs): PostgreSQL and the ingest, this server one
// county of it. A real county sets MINGCHU_PROVINCE_URL and MINGCHU_PROVINCE_TOKEN instead;
// MINGCHU_PROVINCE=off runs the demo without.
const stopping = [];
let province;
if (demo && process.env.MINGCHU_PROVINCE !== 'off' && !process.env.MINGCHU_PROVINCE_URL) {
	province = await startDemoProvince({ dataDir });
	stopping.push(() => province.stop());
	Object.assign(env, province.countyEnv);
}

const server = await startPocketBase({ dataDir, host, port: Number(port), log: 'inherit', env, dev });
stopping.push(() => server.stop());
for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, async () => {
		for (const stop of stopping.reverse()) await stop().catch(() => undefined);
		process.exit(0);
	});
}
const superuser = await signInSuperuser({ url: server.url, ...superuserCredentials });
// Behind a reverse proxy (HTTPS on the school LAN), the client's address comes from its header; without
// this, every request would count against the proxy's one address in the rate limits.
if (process.env.MINGCHU_PROXY_HEADER) {
	await superuser.settings.update({ trustedProxy: { headers: [process.env.MINGCHU_PROXY_HEADER], useLeftmostIP: false } });
}

let mediamtx;
let nvr;
if (withVideo) {
	mediamtx = await startMediaMTX({
		dataDir,
		pocketbaseUrl: server.url,
		ports: videoPortsInUse,
		secret: videoSecret,
		host,
		webrtcHosts: host === '0.0.0.0' ? undefined : [host],
		log: 'inherit'
	});
	stopping.push(() => mediamtx.stop());
	// The simulated NVR runs while no real camera is configured (only cameras on the simulated NVR).
	const cameras = await superuser.collection('cameras').getFullList({ fields: 'id' });
	const real = await superuser.collection('cameras').getFullList({ filter: `nvr_address !~ "${SIMULATED_NVR}"`, fields: 'id' });
	if (cameras.length === 0 || real.length === 0) {
		nvr = await startSimulatedNvr({ dataDir, cameras: ['kitchen', 'coldroom'], port: SIMULATED_NVR_PORT });
		stopping.push(() => nvr.stop());
	}
}

const base = host === '0.0.0.0' ? `http://127.0.0.1:${port}` : server.url;
const lines = [
	'',
	'明厨 Mingchu is running / 已启动',
	`  Kitchen tablet 后厨平板:   ${base}/kitchen`,
	`  Administration 管理端:     ${base}/admin`,
	`  PocketBase dashboard:      ${base}/_/   (${superuserCredentials.email} / ${
		newSuperuser ? `${superuserCredentials.password}; shown this once, kept in ${credentialsFile}` : `password in ${credentialsFile}`
	})`
];
if (demo) {
	let seeded;
	try {
		seeded = await seedDemo({ url: server.url, superuser, stateFile: `${dataDir}/demo.json`, nvr });
	} catch (error) {
		// Nothing this start began may outlive it (PostgreSQL and the ingest would hold their ports).
		console.error(error);
		for (const stop of stopping.reverse()) await stop().catch(() => undefined);
		process.exit(1);
	}
	lines.push(
		`  Dining-room display 餐厅大屏: ${base}/display/${seeded.canteen}`,
		`  Public page 公示页:          ${base}/p/${seeded.canteen}   (poster and table card: ${base}/admin/public/poster)`,
		`  Embed for platforms 嵌入:   ${base}/embed/${seeded.canteen}   (facts: ${base}/api/mingchu/public/canteens/${seeded.canteen}/facts)`,
		`  Demo kiosk 演示平板:        ${base}/kitchen?enrol=${seeded.kioskCode}   (enrolment code 绑定码 ${seeded.kioskCode})`,
		`  Demo admin 演示管理员:      ${seeded.admin.email} / ${seeded.admin.password}`,
		`  County regulator 县监管员:  ${seeded.regulator.email} / ${seeded.regulator.password}   (${seeded.county.canteens} canteens, ${seeded.county.records} records of history)`,
		`  School group 集团管理员:    ${seeded.groupAdmin.email} / ${seeded.groupAdmin.password}`
	);
}
if (mediamtx) {
	await superuser.send('/api/mingchu/video/reconcile', { method: 'POST' });
	lines.push(`  Video 视频: MediaMTX (RTSP ${videoPortsInUse.rtsp}, WebRTC ${videoPortsInUse.webrtc}, HLS ${videoPortsInUse.hls})${nvr ? ', simulated NVR 模拟录像机 ' + nvr.url('') : ''}`);
}
if (province) {
	// What the county held before it joined goes up first; then the minute job sends each change.
	if (province.joined && !newSuperuser) await superuser.send('/api/mingchu/province/backfill', { method: 'POST' });
	const views = `-H 'Authorization: Bearer ${province.viewer}' '${province.url}/v1/views`;
	lines.push(
		`  Province warehouse 省级数据总仓: ${province.url} (PostgreSQL; this server is county 示范县 of it, pushing each minute)`,
		`    curl ${views}/headline'`,
		`    curl ${views}/grid?from=${new Date(Date.now() - 30 * 86400000).toISOString().slice(0, 10)}&to=${new Date().toISOString().slice(0, 10)}&under=36'`
	);
}
lines.push('  Stop with Ctrl+C / 按 Ctrl+C 停止', '');
console.log(lines.join('\n'));
