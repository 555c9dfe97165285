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

/** What an inspector link shows (server: pb_hooks/lib/inspector-links.js): ledgers without health data. */
export interface InspectorView {
	canteen: { name: string; type: string; licence_number: string; address: string; settings: unknown };
	from: string;
	to: string;
	expires_at: string;
	ledgers: Record<string, { id: string }[]>;
	voids: { record_id: string; reason: string; voided_by: string }[];
	morning_checks: { date: string; checked: number; excluded: number }[];
}

export function fetchInspectorView({ pb, token }: { pb: PocketBase; token: string }) {
	return pb.send<InspectorView>(`/api/mingchu/inspect/${encodeURIComponent(token)}`, {});
}
