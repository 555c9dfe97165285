import type { CanteenSettings } from './settings';

/** A camera as an administrator registers it (the addresses are write-only: the server keeps them). */
export interface CameraAddresses {
	name: string;
	rtsp_url: string;
	upstream: boolean;
	upstream_url: string;
	/** The NVR's sub-stream (smaller), forwarded instead of the main stream when given. */
	sub_url?: string;
}

export interface CameraFieldError {
	field: keyof CameraAddresses;
	code: 'required' | 'rtsp_url_invalid' | 'upstream_url_invalid' | 'upstream_url_required' | 'sub_url_invalid';
}

const RTSP = /^rtsps?:\/\/[^\s/]+(\/\S*)?$/;
const UPSTREAM = /^(rtmps?|rtsps?):\/\/[^\s/]+(\/\S*)?$/;

/**
 * The NVR is reached over RTSP (MediaMTX pulls it without transcoding); the province's platform takes
 * RTMP or RTSP. Anything else is a typing mistake that would leave the camera black.
 */
export function validateCamera(input: CameraAddresses): CameraFieldError[] {
	const errors: CameraFieldError[] = [];
	if (!input.name?.trim()) errors.push({ field: 'name', code: 'required' });
	if (!RTSP.test(input.rtsp_url?.trim() ?? '')) errors.push({ field: 'rtsp_url', code: 'rtsp_url_invalid' });
	if (input.upstream && !input.upstream_url?.trim()) errors.push({ field: 'upstream_url', code: 'upstream_url_required' });
	else if (input.upstream_url?.trim() && !UPSTREAM.test(input.upstream_url.trim())) {
		errors.push({ field: 'upstream_url', code: 'upstream_url_invalid' });
	}
	if (input.sub_url?.trim() && !RTSP.test(input.sub_url.trim())) errors.push({ field: 'sub_url', code: 'sub_url_invalid' });
	return errors;
}

/** 中卫's budget: 0.5 Mbps of upload for each camera forwarded to the province. */
export const UPSTREAM_KBPS_PER_CAMERA = 500;

/** A camera as the uplink budget sees it: measured bitrates (0 while not measured yet). */
export interface UplinkCamera {
	id: string;
	name: string;
	upstream: boolean;
	upstream_mode: 'always' | 'on_demand' | '';
	has_sub: boolean;
	bitrate_kbps: number;
	sub_bitrate_kbps: number;
}

export interface UplinkPlan {
	budget_kbps: number;
	/** Forwarded all the time (marked, not on demand). */
	always_kbps: number;
	/** Every marked camera forwarded at once (the province watching every on-demand camera too). */
	all_marked_kbps: number;
	fits: boolean;
	cameras: { id: string; name: string; marked: boolean; on_demand: boolean; stream: 'main' | 'sub'; cost_kbps: number; measured: boolean }[];
}

/** The canteen's uplink for forwarding: its setting, or 0.5 Mbps for each of its cameras. */
export function uplinkBudgetKbps(settings: CanteenSettings, cameras: number): number {
	return settings.video.uplinkKbps > 0 ? settings.video.uplinkKbps : UPSTREAM_KBPS_PER_CAMERA * cameras;
}

/**
 * What forwarding costs: each camera's measured bitrate of the stream that would go up (its sub-stream
 * when it has one), or the per-camera allowance while not measured. The warning is about what is
 * forwarded all the time; on-demand cameras cost only while the province watches.
 */
export function uplinkPlan(settings: CanteenSettings, cameras: UplinkCamera[]): UplinkPlan {
	const rows = cameras.map((camera) => {
		const stream: 'main' | 'sub' = camera.has_sub ? 'sub' : 'main';
		const measured = stream === 'sub' ? camera.sub_bitrate_kbps : camera.bitrate_kbps;
		return {
			id: camera.id,
			name: camera.name,
			marked: camera.upstream,
			on_demand: camera.upstream_mode === 'on_demand',
			stream,
			cost_kbps: Math.round(measured > 0 ? measured : UPSTREAM_KBPS_PER_CAMERA),
			measured: measured > 0
		};
	});
	const sum = (list: typeof rows) => list.reduce((total, row) => total + row.cost_kbps, 0);
	const budget = uplinkBudgetKbps(settings, cameras.length);
	const always = sum(rows.filter((row) => row.marked && !row.on_demand));
	return { budget_kbps: budget, always_kbps: always, all_marked_kbps: sum(rows.filter((row) => row.marked)), fits: always <= budget, cameras: rows };
}

/** MediaMTX's configuration of a camera's path, for the county's MediaMTX and a school's edge box alike. */
export interface CameraPathInput {
	/** The NVR's RTSP address (main stream). */
	source: string;
	/** Pulled only while someone reads it. */
	onDemand: boolean;
	retentionSeconds: number;
	/** When forwarding: the address the forwarder reads (this path or the sub-stream's, with the forwarder's secret) and where it sends. */
	forward: { input: string; upstream: string; ffmpeg: string } | null;
}

/** Recorded, pulled without transcoding; forwarded by ffmpeg while the path is up (MediaMTX has no push of its own). */
export function cameraPathConf({ source, onDemand, retentionSeconds, forward }: CameraPathInput) {
	const conf = { source, sourceOnDemand: onDemand, record: true, recordDeleteAfter: `${retentionSeconds}s`, runOnReady: '', runOnReadyRestart: false };
	if (forward) {
		const format = /^rtmps?:/.test(forward.upstream) ? 'flv' : 'rtsp';
		conf.runOnReady = `${forward.ffmpeg} -hide_banner -loglevel error -rtsp_transport tcp -i ${forward.input} -c copy -f ${format} ${forward.upstream}`;
		// MediaMTX restarts the forwarder if it dies.
		conf.runOnReadyRestart = true;
	}
	return conf;
}

/** The NVR's sub-stream: pulled only while the forwarder reads it, never recorded. */
export function subStreamPathConf(source: string) {
	return { source, sourceOnDemand: true, record: false };
}
