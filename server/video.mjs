// The video side: MediaMTX next to PocketBase, and a simulated NVR (a second MediaMTX fed by ffmpeg
// test patterns) for the demo and the tests. Used by the start command, the tests and the benchmarks.
//
// MediaMTX's own configuration (ports, authentication through PocketBase, recording defaults) is
// generated here; the cameras' paths are not in it: PocketBase adds, changes and removes them through
// MediaMTX's Control API (pb_hooks/lib/video.js), at every camera change and once at start.
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { root } from './pocketbase.mjs';

export function mediamtxBin() {
	return process.env.MEDIAMTX_BIN || `${root}server/bin/mediamtx`;
}

export function ffmpegBin() {
	return process.env.FFMPEG_BIN || 'ffmpeg';
}

function canBind(port, udp) {
	return new Promise((resolve) => {
		if (udp) {
			const socket = createSocket('udp4');
			socket.once('error', () => resolve(false));
			socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
			return;
		}
		const probe = createServer();
		probe.once('error', () => resolve(false));
		probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
	});
}

/**
 * A port free now (TCP, and UDP when asked) below Linux's ephemeral range (32768–60999): ports there
 * are handed to outgoing connections too, which can take a port between choosing and binding it.
 */
async function servicePort({ udp = false, taken = new Set() } = {}) {
	for (;;) {
		const port = 20000 + Math.floor(Math.random() * 12000);
		if (taken.has(port)) continue;
		if ((await canBind(port, false)) && (!udp || (await canBind(port, true)))) {
			taken.add(port);
			return port;
		}
	}
}

/** The ports of one MediaMTX, chosen before PocketBase starts because PocketBase must know them. */
export async function videoPorts() {
	const taken = new Set();
	return {
		api: await servicePort({ taken }),
		rtsp: await servicePort({ taken }),
		webrtc: await servicePort({ taken }),
		webrtcUdp: await servicePort({ udp: true, taken }),
		hls: await servicePort({ taken }),
		playback: await servicePort({ taken })
	};
}

/**
 * What PocketBase needs to drive MediaMTX (read by pb_hooks/lib/video.js through $os.getenv).
 * `secret` lets MediaMTX's own helper processes (the upstream forwarder) read streams.
 */
export function videoEnv({ ports, secret, recordSegment = '10m', retentionSeconds }) {
	return {
		MINGCHU_MEDIAMTX_API: `http://127.0.0.1:${ports.api}`,
		MINGCHU_MEDIAMTX_RTSP_PORT: String(ports.rtsp),
		MINGCHU_VIDEO_SECRET: secret,
		MINGCHU_FFMPEG: ffmpegBin(),
		MINGCHU_RECORD_SEGMENT: recordSegment,
		// Browsers reach MediaMTX at the app's host name on these ports.
		MINGCHU_VIDEO_PORTS: JSON.stringify({ webrtc: ports.webrtc, hls: ports.hls, playback: ports.playback }),
		// Tests shrink the retention to seconds; in use it comes from the canteen's settings (≥ 7 days).
		...(retentionSeconds ? { MINGCHU_VIDEO_RETENTION_SECONDS: String(retentionSeconds) } : {})
	};
}

function waitForExit(child) {
	// A process ended by a signal has no exit code, only a signal code.
	const ended = () => child.exitCode !== null || child.signalCode !== null;
	return new Promise((resolve) => (ended() ? resolve(undefined) : child.once('exit', resolve)));
}

async function waitUntil(check, { timeoutMs, what, child, output }) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}\n${output()}`);
		if (await check().catch(() => false)) return;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error(`${what} did not start within ${timeoutMs} ms\n${output()}`);
}

function spawnLogged(command, args, log) {
	const child = spawn(command, args, { stdio: ['ignore', log, log] });
	let output = '';
	child.stdout?.on('data', (chunk) => (output = (output + chunk).slice(-20_000)));
	child.stderr?.on('data', (chunk) => (output = (output + chunk).slice(-20_000)));
	return { child, output: () => output };
}

/**
 * Runs the canteen's MediaMTX: pulls cameras, serves WebRTC (WHEP) and LL-HLS, records fMP4, plays
 * recordings back; every read, publish and API call is authorised by PocketBase.
 * @param {{ dataDir: string, pocketbaseUrl: string, ports: Awaited<ReturnType<typeof videoPorts>>, secret: string,
 *   host?: string, webrtcHosts?: string[], recordSegment?: string, log?: 'pipe' | 'inherit' }} options
 */
export async function startMediaMTX({ dataDir, pocketbaseUrl, ports, secret, host = '127.0.0.1', webrtcHosts, recordSegment = '10m', log = 'pipe' }) {
	if (!secret) throw new Error('startMediaMTX needs the video secret PocketBase was started with (videoEnv)');
	const dir = `${dataDir}/mediamtx`;
	mkdirSync(`${dir}/recordings`, { recursive: true });
	const listen = (port) => `${host === '0.0.0.0' ? '' : host}:${port}`;
	const config = {
		logLevel: 'warn',
		authMethod: 'http',
		// With the server's secret (sent as basic authentication): the decision route answers no one else.
		authHTTPAddress: pocketbaseUrl.replace('://', `://mediamtx:${encodeURIComponent(secret)}@`) + '/api/mingchu/video/auth',
		// Nothing is excluded: PocketBase decides on the Control API too (this machine, with the secret).
		authHTTPExclude: [],
		api: true,
		apiAddress: `127.0.0.1:${ports.api}`,
		// Only PocketBase calls the API, never a browser: no CORS header at all (the default is *).
		apiAllowOrigin: '',
		metrics: false,
		pprof: false,
		playback: true,
		playbackAddress: listen(ports.playback),
		rtsp: true,
		rtspTransports: ['tcp'],
		rtspAddress: listen(ports.rtsp),
		rtmp: false,
		srt: false,
		hls: true,
		hlsAddress: listen(ports.hls),
		hlsVariant: 'lowLatency',
		hlsAlwaysRemux: false,
		webrtc: true,
		webrtcAddress: listen(ports.webrtc),
		webrtcLocalUDPAddress: listen(ports.webrtcUdp),
		// On a LAN the server's addresses come from its interfaces; on loopback (tests) only 127.0.0.1.
		webrtcIPsFromInterfaces: !webrtcHosts,
		webrtcAdditionalHosts: webrtcHosts ?? [],
		pathDefaults: {
			rtspTransport: 'tcp',
			recordPath: `${dir}/recordings/%path/%Y-%m-%d_%H-%M-%S-%f`,
			recordFormat: 'fmp4',
			recordPartDuration: '1s',
			recordSegmentDuration: recordSegment
		},
		paths: {}
	};
	// JSON is YAML: no YAML library needed for a generated file.
	writeFileSync(`${dir}/mediamtx.yml`, JSON.stringify(config, null, 2));
	const { child, output } = spawnLogged(mediamtxBin(), [`${dir}/mediamtx.yml`], log);
	const apiUrl = `http://127.0.0.1:${ports.api}`;
	await waitUntil(async () => (await fetch(`${apiUrl}/v3/config/global/get`)).status < 500, {
		timeoutMs: 20_000,
		what: 'MediaMTX',
		child,
		output
	});
	const base = `${host === '0.0.0.0' ? '127.0.0.1' : host}`;
	return {
		child,
		output,
		apiUrl,
		recordDir: `${dir}/recordings`,
		rtspUrl: `rtsp://${base}:${ports.rtsp}`,
		webrtcUrl: `http://${base}:${ports.webrtc}`,
		hlsUrl: `http://${base}:${ports.hls}`,
		playbackUrl: `http://${base}:${ports.playback}`,
		async stop() {
			child.kill('SIGTERM');
			await waitForExit(child);
		}
	};
}

/**
 * A stand-in for the kitchen's NVR: an RTSP server (a second MediaMTX without authentication, on
 * loopback only) with one ffmpeg test pattern and clock per camera. Also serves as the province's
 * receiving platform in tests (anything may publish to it).
 * @param {{ dataDir: string, cameras?: string[], port?: number, log?: 'pipe' | 'inherit' }} options
 */
export async function startSimulatedNvr({ dataDir, cameras = ['kitchen'], port: wanted, log = 'pipe' }) {
	const dir = `${dataDir}/nvr`;
	mkdirSync(dir, { recursive: true });
	const taken = new Set();
	const port = wanted ?? (await servicePort({ taken }));
	const apiPort = await servicePort({ taken });
	const config = {
		logLevel: 'warn',
		authInternalUsers: [{ user: 'any', pass: '', ips: ['127.0.0.1/32'], permissions: [{ action: 'publish' }, { action: 'read' }, { action: 'api' }] }],
		api: true,
		apiAddress: `127.0.0.1:${apiPort}`,
		rtspAddress: `127.0.0.1:${port}`,
		rtspTransports: ['tcp'],
		rtmp: true,
		rtmpAddress: `127.0.0.1:${await servicePort({ taken })}`,
		hls: false,
		webrtc: false,
		srt: false,
		playback: false,
		paths: { all_others: {} }
	};
	writeFileSync(`${dir}/mediamtx.yml`, JSON.stringify(config, null, 2));
	let server = spawnLogged(mediamtxBin(), [`${dir}/mediamtx.yml`], log);
	const apiUrl = `http://127.0.0.1:${apiPort}`;
	const ready = () =>
		waitUntil(async () => (await fetch(`${apiUrl}/v3/paths/list`)).ok, { timeoutMs: 20_000, what: 'the simulated NVR', child: server.child, output: server.output });
	await ready();

	const publishers = new Map();
	const url = (camera) => `rtsp://127.0.0.1:${port}/${camera}`;
	const publish = (camera) => {
		// H.264 baseline without B-frames, a keyframe every second: what WebRTC and LL-HLS need, copied
		// through by MediaMTX without transcoding, like a real camera's stream.
		const publisher = spawnLogged(
			ffmpegBin(),
			[
				'-hide_banner', '-loglevel', 'error', '-re',
				'-f', 'lavfi', '-i', `testsrc2=size=640x360:rate=15`,
				'-vf', `drawtext=text='${camera} %{localtime}':x=20:y=20:fontsize=28:fontcolor=white:box=1:boxcolor=black@0.6`,
				'-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-profile:v', 'baseline',
				'-pix_fmt', 'yuv420p', '-g', '15', '-keyint_min', '15', '-b:v', '600k',
				'-f', 'rtsp', '-rtsp_transport', 'tcp', url(camera)
			],
			log
		);
		publishers.set(camera, publisher);
	};
	const waitPublished = (camera) =>
		waitUntil(
			async () => {
				const paths = await (await fetch(`${apiUrl}/v3/paths/list`)).json();
				return paths.items.some((item) => item.name === camera && item.ready);
			},
			{ timeoutMs: 20_000, what: `the test camera ${camera}`, child: publishers.get(camera).child, output: publishers.get(camera).output }
		);
	const stopPublisher = async (camera) => {
		const publisher = publishers.get(camera);
		if (!publisher) return;
		publishers.delete(camera);
		publisher.child.kill('SIGKILL');
		await waitForExit(publisher.child);
	};
	for (const camera of cameras) publish(camera);
	for (const camera of cameras) await waitPublished(camera);

	return {
		url,
		apiUrl,
		/** Whether a stream is being received on `name` (forwarding tests). */
		async hasStream(name) {
			const paths = await (await fetch(`${apiUrl}/v3/paths/list`)).json();
			return paths.items.some((item) => item.name === name && item.ready);
		},
		/** The NVR loses power: server and cameras go away. */
		async stop() {
			for (const camera of [...publishers.keys()]) await stopPublisher(camera);
			server.child.kill('SIGKILL');
			await waitForExit(server.child);
		},
		/** ...and comes back. */
		async start() {
			server = spawnLogged(mediamtxBin(), [`${dir}/mediamtx.yml`], log);
			await ready();
			for (const camera of cameras) publish(camera);
			for (const camera of cameras) await waitPublished(camera);
		}
	};
}
