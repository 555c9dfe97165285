import { fetchFormToken, fetchPublicCanteen, PublicRequestError, sendComplaint, sendRating, type FeedbackSender, type PublicCanteen } from '$lib/pb/public-api';
import type { ApiProblem } from '$lib/pb/problems';
import { videoEndpoints, type VideoEndpoints } from '$lib/media/endpoints';

/**
 * A canteen as the dining room and the public see it, refreshed every 30 s. When the server cannot be
 * reached the last answer stays on screen: the cameras keep playing on the LAN by themselves.
 */
export class PublicCanteenView {
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
			const info = await fetchPublicCanteen({ canteen: this.canteen });
			this.info = info;
			// Kept as the same object while nothing changed, so the players are not restarted.
			if (info.video && !this.endpoints) this.endpoints = videoEndpoints(info.video);
			this.problem = null;
		} catch (error) {
			this.problem = error instanceof PublicRequestError ? error.problem : { kind: 'server', message: String(error) };
		}
	}
}

const DEVICE_KEY = 'mingchu.public-device';

/** A random id this phone keeps, so that the server can count what one phone sends. */
function deviceId(): string {
	try {
		let id = localStorage.getItem(DEVICE_KEY);
		if (!id) {
			id = crypto.randomUUID();
			localStorage.setItem(DEVICE_KEY, id);
		}
		return id;
	} catch {
		// Private mode without storage: counted by address only.
		return '';
	}
}

/** Why a form was refused: the server's reason codes by field (`form` for the whole form). */
export type FeedbackErrors = Record<string, string>;

/**
 * Rating and complaint forms of one page. The form token is fetched when the page opens (it dates the
 * opening: the server refuses forms sent within seconds); what was typed stays when a send is refused.
 */
export class PublicFeedback {
	#token: Promise<string> | undefined;
	website = $state('');

	constructor(readonly canteen: string) {}

	/** Called when the forms are first shown. */
	open() {
		this.#token ??= fetchFormToken({ canteen: this.canteen }).then(({ token }) => token);
		this.#token.catch(() => (this.#token = undefined));
	}

	async #sender(): Promise<FeedbackSender> {
		this.open();
		return { token: await this.#token!, device: deviceId(), website: this.website };
	}

	async #send(action: (sender: FeedbackSender) => Promise<unknown>): Promise<FeedbackErrors> {
		try {
			await action(await this.#sender());
			return {};
		} catch (error) {
			if (!(error instanceof PublicRequestError)) return { form: 'server' };
			if (error.codes.form === 'form_expired') this.#token = undefined;
			if (Object.keys(error.codes).length) return error.codes;
			// The per-minute limit of the server itself answers without a reason of ours.
			return { form: error.status === 429 ? 'limit' : 'server' };
		}
	}

	rate(rating: { taste: number; hygiene: number; service: number; comment: string }) {
		return this.#send((sender) => sendRating({ canteen: this.canteen, sender, rating }));
	}

	complain(complaint: { category: string; text: string; phone: string; photo: Blob | null }) {
		return this.#send((sender) => sendComplaint({ canteen: this.canteen, sender, complaint }));
	}
}
