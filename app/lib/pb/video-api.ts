import type PocketBase from 'pocketbase';

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

/** A short-lived token for one camera and one action (pb_hooks/lib/video.js issueTicket). */
export function fetchVideoTicket({ pb, camera, action }: { pb: PocketBase; camera: string; action: 'read' | 'playback' }) {
	return pb.send<{ token: string; expires_in: number }>('/api/mingchu/video/tickets', { method: 'POST', body: { camera, action } });
}
