import type PocketBase from 'pocketbase';

/** What anyone may see of a canteen (server: pb_hooks/video.pb.js), without personal data. */
export interface PublicCanteen {
	id: string;
	name: string;
	type: string;
	licence_number: string;
	grade: string;
	today: string;
	ledgers: { morning_checks: { done: number; expected: number } };
	cameras: { id: string; name: string; area: string; path: string; online: boolean }[];
	video: { webrtc: number; hls: number; playback: number } | null;
}

export function fetchPublicCanteen({ pb, canteen }: { pb: PocketBase; canteen: string }) {
	return pb.send<PublicCanteen>(`/api/mingchu/public/canteens/${encodeURIComponent(canteen)}`, {});
}
