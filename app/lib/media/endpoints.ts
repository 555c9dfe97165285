// Kept apart from the player: the public page knows where video is before it loads the player's code.

/**
 * Where the browser reaches MediaMTX: the app's host name with MediaMTX's ports (same machine), or the
 * school's edge box on its LAN (`host`) when the canteen has one.
 */
export interface VideoEndpoints {
	webrtc: string;
	hls: string;
	playback: string;
}

export function videoEndpoints(ports: { webrtc: number; hls: number; playback: number; host?: string }): VideoEndpoints {
	const base = `${location.protocol}//${ports.host ?? location.hostname}`;
	return { webrtc: `${base}:${ports.webrtc}`, hls: `${base}:${ports.hls}`, playback: `${base}:${ports.playback}` };
}
