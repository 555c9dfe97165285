import { createPocketBase, sameOrigin } from '$lib/pb/client';
import { classifyApiError, type ApiProblem } from '$lib/pb/errors';
import { fetchPublicCanteen, type PublicCanteen } from '$lib/pb/public-api';
import { videoEndpoints, type VideoEndpoints } from '$lib/media/player';

/**
 * A canteen as the dining room and the public see it, refreshed every 30 s. When the server cannot be
 * reached the last answer stays on screen: the cameras keep playing on the LAN by themselves.
 */
export class PublicCanteenView {
	readonly #pb = createPocketBase({ baseUrl: sameOrigin(), authKey: 'mingchu.public' });
	info = $state.raw<PublicCanteen | null>(null);
	problem = $state<ApiProblem | null>(null);
	endpoints = $state.raw<VideoEndpoints | null>(null);
	#timer: ReturnType<typeof setInterval> | undefined;

	constructor(readonly canteen: string) {}

	start(everyMs = 30_000) {
		void this.refresh();
		this.#timer = setInterval(() => void this.refresh(), everyMs);
	}

	stop() {
		clearInterval(this.#timer);
	}

	async refresh() {
		try {
			const info = await fetchPublicCanteen({ pb: this.#pb, canteen: this.canteen });
			this.info = info;
			// Kept as the same object while nothing changed, so the players are not restarted.
			if (info.video && !this.endpoints) this.endpoints = videoEndpoints(info.video);
			this.problem = null;
		} catch (error) {
			this.problem = classifyApiError(error);
		}
	}
}
