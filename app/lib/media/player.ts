import adapterUrl from 'webrtc-adapter/out/adapter.js?url';
import hlsUrl from 'hls.js/dist/hls.light.min.js?url';
import type Hls from 'hls.js';
import { loadScript } from '$lib/scripts';
import type { VideoEndpoints } from './endpoints';

export { videoEndpoints, type VideoEndpoints } from './endpoints';

export type Transport = 'webrtc' | 'hls';

/** Performance API entry from starting to connect to the first frame shown (read by bench/). */
export const FIRST_FRAME_MEASURE = 'mingchu:first-frame';
export type PlayerState = 'connecting' | 'playing' | 'offline';

declare global {
	interface Window {
		Hls?: typeof Hls;
	}
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Resolves once `check` is true: tested at once and whenever one of `events` fires on `target` (no
 * polling delay on the way to the first frame); rejects after `ms`.
 */
function when(target: EventTarget, events: string[], check: () => boolean, ms: number, what: string): Promise<void> {
	return new Promise((resolve, reject) => {
		const done = (error?: Error) => {
			clearTimeout(timer);
			for (const event of events) target.removeEventListener(event, test);
			if (error) reject(error);
			else resolve();
		};
		const test = () => {
			if (check()) done();
		};
		const timer = setTimeout(() => done(new Error(`${what}: no answer within ${ms} ms`)), ms);
		for (const event of events) target.addEventListener(event, test);
		test();
	});
}

/**
 * Plays one camera live: WebRTC (WHEP) first, because it starts fastest; LL-HLS with hls.js when
 * WebRTC does not connect in time (blocked UDP, an old TV browser). Reconnects by itself when the
 * stream stops, and says "offline" while it cannot get one.
 */
export class LivePlayer {
	readonly #video: HTMLVideoElement;
	readonly #endpoints: VideoEndpoints;
	readonly #path: string;
	readonly #token: string | undefined;
	readonly #onChange: (state: PlayerState, transport: Transport | null) => void;
	readonly #webrtcTimeoutMs: number;
	readonly #transports: readonly Transport[];
	#stopped = false;
	#teardown: (() => void) | null = null;
	#attempt = 0;
	#watchdog: ReturnType<typeof setInterval> | undefined;

	constructor({
		video,
		endpoints,
		path,
		token,
		onChange,
		webrtcTimeoutMs = 4000,
		transport = 'auto'
	}: {
		video: HTMLVideoElement;
		endpoints: VideoEndpoints;
		path: string;
		/** An administrator's or tablet's token, for cameras that are not public. */
		token?: string;
		onChange: (state: PlayerState, transport: Transport | null) => void;
		webrtcTimeoutMs?: number;
		/** 'hls' skips WebRTC (a TV whose browser is known to fail it). */
		transport?: 'auto' | Transport;
	}) {
		this.#transports = transport === 'auto' ? ['webrtc', 'hls'] : [transport];
		this.#video = video;
		this.#endpoints = endpoints;
		this.#path = path;
		this.#token = token;
		this.#onChange = onChange;
		this.#webrtcTimeoutMs = webrtcTimeoutMs;
	}

	start() {
		void this.#connect();
		// A stream can stop without any error (the NVR lost power): frames not advancing for 6 s means
		// start again.
		let lastTime = -1;
		let still = 0;
		this.#watchdog = setInterval(() => {
			if (this.#teardown === null) return;
			still = this.#video.currentTime === lastTime ? still + 1 : 0;
			lastTime = this.#video.currentTime;
			if (still >= 3) {
				still = 0;
				this.#restart();
			}
		}, 2000);
	}

	stop() {
		this.#stopped = true;
		clearInterval(this.#watchdog);
		this.#teardown?.();
		this.#teardown = null;
	}

	#headers(): Record<string, string> {
		return this.#token ? { Authorization: `Bearer ${this.#token}` } : {};
	}

	#restart() {
		this.#teardown?.();
		this.#teardown = null;
		void this.#connect();
	}

	async #connect() {
		if (this.#stopped) return;
		this.#onChange('connecting', null);
		const started = performance.now();
		for (const transport of this.#transports) {
			try {
				this.#teardown = transport === 'webrtc' ? await this.#playWebRTC() : await this.#playHls();
				if (this.#stopped) {
					this.#teardown();
					this.#teardown = null;
					return;
				}
				this.#attempt = 0;
				performance.measure(FIRST_FRAME_MEASURE, { start: started, detail: transport });
				this.#onChange('playing', transport);
				return;
			} catch {
				// Try the next transport.
			}
		}
		this.#onChange('offline', null);
		this.#attempt += 1;
		await sleep(Math.min(10_000, 1000 * 2 ** Math.min(this.#attempt, 4)));
		void this.#connect();
	}

	async #playWebRTC(): Promise<() => void> {
		await loadScript(adapterUrl);
		const pc = new RTCPeerConnection();
		const close = () => pc.close();
		try {
			pc.addTransceiver('video', { direction: 'recvonly' });
			const stream = new MediaStream();
			pc.ontrack = (event) => stream.addTrack(event.track);
			await pc.setLocalDescription(await pc.createOffer());
			// No trickle: on a LAN the host candidates are all there within a moment.
			await when(pc, ['icegatheringstatechange'], () => pc.iceGatheringState === 'complete', 1500, 'ICE gathering').catch(() => undefined);
			const response = await fetch(`${this.#endpoints.webrtc}/${this.#path}/whep`, {
				method: 'POST',
				headers: { 'content-type': 'application/sdp', ...this.#headers() },
				body: pc.localDescription!.sdp,
				signal: AbortSignal.timeout(this.#webrtcTimeoutMs)
			});
			if (response.status !== 201) throw new Error(`WHEP ${response.status}`);
			await pc.setRemoteDescription({ type: 'answer', sdp: await response.text() });
			this.#video.srcObject = stream;
			void this.#video.play().catch(() => undefined);
			await when(this.#video, ['timeupdate', 'playing', 'loadeddata'], () => this.#video.currentTime > 0 || this.#video.readyState >= 2, this.#webrtcTimeoutMs, 'WebRTC');
			pc.onconnectionstatechange = () => {
				if (pc.connectionState === 'failed' || pc.connectionState === 'disconnected' || pc.connectionState === 'closed') this.#restart();
			};
			return () => {
				pc.onconnectionstatechange = null;
				close();
				this.#video.srcObject = null;
			};
		} catch (error) {
			close();
			this.#video.srcObject = null;
			throw error;
		}
	}

	async #playHls(): Promise<() => void> {
		await loadScript(hlsUrl);
		const HlsPlayer = window.Hls;
		if (!HlsPlayer?.isSupported()) throw new Error('no MediaSource in this browser');
		const headers = this.#headers();
		const hls = new HlsPlayer({
			lowLatencyMode: true,
			xhrSetup: (xhr) => {
				for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
			}
		});
		let fatal = false;
		hls.on(HlsPlayer.Events.ERROR, (_event, data) => {
			if (!data.fatal) return;
			fatal = true;
			if (this.#teardown) this.#restart();
		});
		hls.loadSource(`${this.#endpoints.hls}/${this.#path}/index.m3u8`);
		hls.attachMedia(this.#video);
		void this.#video.play().catch(() => undefined);
		try {
			await when(this.#video, ['timeupdate', 'playing', 'loadeddata', 'error'], () => fatal || this.#video.currentTime > 0 || this.#video.readyState >= 2, 15_000, 'HLS');
			if (fatal) throw new Error('HLS failed');
		} catch (error) {
			hls.destroy();
			throw error;
		}
		return () => hls.destroy();
	}
}
