import { createPocketBase, sameOrigin } from '$lib/pb/client';
import { classifyApiError, type ApiProblem } from '$lib/pb/errors';
import { fetchPublicCanteen } from '$lib/pb/public-api';
import { fetchCanteens } from '$lib/pb/admin-api';
import {
	createCamera,
	createEdgeBox,
	deactivateEdgeBox,
	deleteCamera,
	fetchCameras,
	fetchEdgeBoxes,
	fetchOpenAlerts,
	fetchUplink,
	fetchVideoTicket,
	type CameraAlert,
	type CameraInput,
	type CameraRecord,
	type EdgeBox
} from '$lib/pb/video-api';
import type { UplinkPlan } from '$lib/domain';
import { videoEndpoints, type VideoEndpoints } from '$lib/media/endpoints';
import type { CanteenRecord } from '$lib/db/schema';

/** The administrator's cameras page: state, and every API call through one error handler. */
export class VideoAdmin {
	// The same sign-in as the administrator's main page.
	readonly pb = createPocketBase({ baseUrl: sameOrigin(), authKey: 'mingchu.admin' });
	readonly signedIn = this.pb.authStore.isValid;
	canteens = $state.raw<CanteenRecord[]>([]);
	canteenId = $state<string | null>(null);
	cameras = $state.raw<CameraRecord[]>([]);
	alerts = $state.raw<CameraAlert[]>([]);
	uplink = $state.raw<UplinkPlan | null>(null);
	/** The school's edge boxes (managers only), and the code of one just made. */
	edges = $state.raw<EdgeBox[]>([]);
	newEdge = $state.raw<{ name: string; code: string } | null>(null);
	endpoints = $state.raw<VideoEndpoints | null>(null);
	problem = $state<ApiProblem | null>(null);
	/** The camera shown live, and the recording being played back. */
	live = $state<string | null>(null);
	/** The recording being played back, with its ticket (a short-lived token for that camera only). */
	playback = $state.raw<{ camera: string; start: Date; ticket: string } | null>(null);
	#timer: ReturnType<typeof setInterval> | undefined;

	get token(): string {
		return this.pb.authStore.token;
	}

	async start({ canteen }: { canteen?: string | null } = {}) {
		await this.#call(async () => {
			this.canteens = await fetchCanteens({ pb: this.pb });
			this.canteenId = canteen && this.canteens.some((c) => c.id === canteen) ? canteen : (this.canteens[0]?.id ?? null);
			await this.refresh();
		});
		// Camera states are written by the server's health check every minute.
		this.#timer = setInterval(() => void this.refresh(), 15_000);
	}

	stop() {
		clearInterval(this.#timer);
	}

	async refresh() {
		const canteen = this.canteenId;
		if (!canteen) return;
		await this.#call(async () => {
			const [cameras, alerts, uplink, info] = await Promise.all([
				fetchCameras({ pb: this.pb, canteen }),
				fetchOpenAlerts({ pb: this.pb, canteen }),
				fetchUplink({ pb: this.pb, canteen }),
				this.endpoints ? Promise.resolve(null) : fetchPublicCanteen({ canteen })
			]);
			this.cameras = cameras;
			this.alerts = alerts;
			this.uplink = uplink;
			if (info?.video) this.endpoints = videoEndpoints(info.video);
		});
	}

	/** Adds a camera; returns the server's reasons by field when it refuses. */
	async addCamera(camera: CameraInput): Promise<Record<string, string>> {
		const canteen = this.canteenId;
		if (!canteen) return {};
		const problem = await this.#call(async () => {
			await createCamera({ pb: this.pb, canteen, camera });
			await this.refresh();
		});
		return problem?.kind === 'rejected' ? problem.fields : {};
	}

	async refreshEdges() {
		const canteen = this.canteenId;
		if (!canteen) return;
		await this.#call(async () => {
			this.edges = await fetchEdgeBoxes({ pb: this.pb, canteen });
		});
	}

	async addEdgeBox(name: string) {
		const canteen = this.canteenId;
		if (!canteen) return;
		await this.#call(async () => {
			const { code } = await createEdgeBox({ pb: this.pb, canteen, name });
			this.newEdge = { name, code };
			this.edges = await fetchEdgeBoxes({ pb: this.pb, canteen });
		});
	}

	async switchOffEdgeBox(id: string) {
		await this.#call(async () => {
			await deactivateEdgeBox({ pb: this.pb, id });
			await this.refreshEdges();
		});
	}

	async removeCamera(id: string) {
		await this.#call(async () => {
			await deleteCamera({ pb: this.pb, id });
			if (this.live === id) this.live = null;
			await this.refresh();
		});
	}

	/** "View the kitchen at this moment": the recording of the area's camera from a little before. */
	playAt({ area, at }: { area: string | null; at: Date }) {
		const camera = this.cameras.find((c) => c.area === area) ?? this.cameras[0];
		if (!camera) return false;
		void this.play({ camera: camera.id, start: new Date(at.getTime() - 5_000) });
		return true;
	}

	/**
	 * Plays a camera's recording from `start`. The address carries a ticket valid for this camera's
	 * playback for minutes, never the administrator's sign-in (a <video> element cannot send headers).
	 */
	async play({ camera, start }: { camera: string; start: Date }) {
		await this.#call(async () => {
			const { token } = await fetchVideoTicket({ pb: this.pb, camera, action: 'playback' });
			this.playback = { camera, start, ticket: token };
		});
	}

	async #call(work: () => Promise<void>): Promise<ApiProblem | null> {
		try {
			await work();
			this.problem = null;
			return null;
		} catch (error) {
			const problem = classifyApiError(error);
			this.problem = problem;
			return problem;
		}
	}
}
