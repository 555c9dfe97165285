// The chosen canteen's group robots (WeCom / DingTalk) and what was pushed to them.
import { sharedSaveErrors } from '$lib/pb/errors';
import { createWebhook, deactivateWebhook, fetchWebhooks, type WebhookDelivery, type WebhookRecord } from '$lib/pb/oversight-api';
import type { AdminSession } from './admin.svelte';

export class Webhooks {
	list = $state.raw<WebhookRecord[]>([]);
	deliveries = $state.raw<WebhookDelivery[]>([]);
	readonly session: AdminSession;

	constructor(session: AdminSession) {
		this.session = session;
	}

	async load() {
		const canteen = this.session.canteenId;
		if (!canteen) return;
		await this.session.call(async () => {
			[this.list, this.deliveries] = await fetchWebhooks({ pb: this.session.pb, canteen });
		});
	}

	/** Adds a robot; the form keeps what was typed and shows why when the address is refused. */
	async add(input: { url: string; label: string; maxGrade: number }): Promise<Record<string, string>> {
		const canteen = this.session.canteenId;
		if (!canteen) return {};
		const problem = await this.session.call(async () => {
			await createWebhook({ pb: this.session.pb, canteen, ...input });
		});
		if (problem) {
			if (problem.kind === 'rejected') this.session.problem = null;
			return { ...sharedSaveErrors(problem), request: 'message' in problem ? problem.message : '' };
		}
		await this.load();
		return {};
	}

	async deactivate(webhook: string) {
		await this.session.call(async () => {
			await deactivateWebhook({ pb: this.session.pb, webhook });
		});
		await this.load();
	}
}
