import type { VideoEndpoints } from './player';

/**
 * The address of a recording from `start` on, as one MP4 a plain <video> element can play. The token
 * goes in the address because a <video> element cannot send headers, so it is a ticket for this camera's
 * playback that expires in minutes (pb_hooks/lib/video.js issueTicket), never a sign-in.
 */
export function playbackUrl({
	endpoints,
	path,
	start,
	seconds = 120,
	token
}: {
	endpoints: VideoEndpoints;
	path: string;
	start: Date;
	seconds?: number;
	token: string;
}): string {
	const query = new URLSearchParams({ path, start: start.toISOString(), duration: String(seconds), format: 'mp4', token });
	return `${endpoints.playback}/get?${query}`;
}

/** Ledgers are kept where the work happens: a record's moment is seen through that area's camera. */
export const LEDGER_AREAS: Record<string, string> = {
	morning_checks: 'cooking',
	food_samples: 'plating',
	meal_closures: 'plating',
	disinfections: 'dishwashing',
	cold_readings: 'cold_room',
	waste_handovers: 'storage',
	purchases: 'storage',
	additive_uses: 'cooking',
	self_inspections: 'cooking',
	accompanied_meals: 'dining'
};
