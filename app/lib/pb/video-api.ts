import type PocketBase from 'pocketbase';
import type { UplinkPlan } from '$lib/domain';

export const CAMERA_AREAS = ['cooking', 'cold_room', 'plating', 'storage', 'dishwashing', 'dining'] as const;

export interface CameraRecord {
	id: string;
	canteen: string;
	name: string;
	area: (typeof CAMERA_AREAS)[number];
	public: boolean;
	upstream: boolean;
	on_demand: boolean;
	online: boolean;
	offline_since: string;
	forwarding: boolean;
	checked_at: string;
	upstream_mode: '' | 'always' | 'on_demand';
	bitrate_kbps: number;
	sub_bitrate_kbps: number;
}

/** What an administrator types; the addresses are write-only (the server never returns them). */
export interface CameraInput {
	name: string;
	area: CameraRecord['area'];
	rtsp_url: string;
	public: boolean;
	upstream: boolean;
	upstream_url: string;
	on_demand: boolean;
	/** The NVR's sub-stream, forwarded instead of the main stream (write-only like the others). */
	sub_url: string;
	upstream_mode: 'always' | 'on_demand';
	/** Said after the server warned that forwarding would pass the canteen's uplink budget. */
	confirm_over_budget?: boolean;
}

export interface CameraAlert {
	id: string;
	camera: string;
	kind: 'offline';
	started_at: string;
	ended_at: string;
}

export function fetchCameras({ pb, canteen }: { pb: PocketBase; canteen: string }) {
	return pb.collection('cameras').getFullList<CameraRecord>({ filter: pb.filter('canteen = {:canteen}', { canteen }), sort: 'name' });
}

export function fetchOpenAlerts({ pb, canteen }: { pb: PocketBase; canteen: string }) {
	return pb
		.collection('camera_alerts')
		.getFullList<CameraAlert>({ filter: pb.filter("canteen = {:canteen} && ended_at = ''", { canteen }), sort: '-started_at' });
}

export function createCamera({ pb, canteen, camera }: { pb: PocketBase; canteen: string; camera: CameraInput }) {
	return pb.collection('cameras').create<CameraRecord>({ ...camera, canteen });
}

export function deleteCamera({ pb, id }: { pb: PocketBase; id: string }) {
	return pb.collection('cameras').delete(id);
}

/** What forwarding every marked camera costs against the canteen's uplink budget. */
export function fetchUplink({ pb, canteen }: { pb: PocketBase; canteen: string }) {
	return pb.send<UplinkPlan>('/api/mingchu/video/uplink', { query: { canteen } });
}

/** A short-lived token for one camera and one action (pb_hooks/lib/video.js issueTicket). */
export function fetchVideoTicket({ pb, camera, action }: { pb: PocketBase; camera: string; action: 'read' | 'playback' }) {
	return pb.send<{ token: string; expires_in: number }>('/api/mingchu/video/tickets', { method: 'POST', body: { camera, action } });
}

/** A school's edge video box (edge mode): MediaMTX in the kitchen, cameras and access from this server. */
export interface EdgeBox {
	id: string;
	name: string;
	active: boolean;
	enrolled_at: string;
	seen_at: string;
	lan_host: string;
}

export function fetchEdgeBoxes({ pb, canteen }: { pb: PocketBase; canteen: string }) {
	return pb.send<EdgeBox[]>('/api/mingchu/edges', { query: { canteen } });
}

export function createEdgeBox({ pb, canteen, name }: { pb: PocketBase; canteen: string; name: string }) {
	return pb.send<{ device: { id: string; name: string }; code: string }>('/api/mingchu/edges', { method: 'POST', body: { canteen, name } });
}

export function deactivateEdgeBox({ pb, id }: { pb: PocketBase; id: string }) {
	return pb.send(`/api/mingchu/edges/${encodeURIComponent(id)}/deactivate`, { method: 'POST' });
}
