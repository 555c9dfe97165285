import type { PublicFacts } from '$lib/domain/public-face';
import { fetchCanteens } from '$lib/pb/admin-api';
import { sharedSaveErrors } from '$lib/pb/errors';
import type { AdminSession } from './admin.svelte';

export interface PublicRatingRecord {
	id: string;
	taste: number;
	hygiene: number;
	service: number;
	comment: string;
	created: string;
}

/** The canteen's public face as its managers keep it: the facts, embedding, and what the public said. */
export class PublicFaceAdmin {
	ratings = $state.raw<PublicRatingRecord[]>([]);

	constructor(readonly session: AdminSession) {}

	async load() {
		const canteen = this.session.canteenId;
		if (!canteen) return;
		await this.session.call(async () => {
			this.ratings = await this.session.pb.collection('public_ratings').getFullList<PublicRatingRecord>({ filter: this.session.pb.filter('canteen = {:canteen}', { canteen }), sort: '-created', batch: 200 });
		});
	}

	/** The regulator's quantified grade (量化分级) of the canteen. */
	async saveGrade(grade: string) {
		const canteen = this.session.canteenId;
		if (!canteen) return;
		await this.session.call(async () => {
			await this.session.pb.send(`/api/mingchu/canteens/${canteen}/public`, { method: 'POST', body: { grade } });
			this.session.canteens = await fetchCanteens({ pb: this.session.pb });
		});
	}

	/** Saves the facts; returns the server's reasons by field when refused (what was typed stays). */
	async save(facts: PublicFacts): Promise<Record<string, string>> {
		const canteen = this.session.canteenId;
		if (!canteen) return {};
		const problem = await this.session.call(async () => {
			await this.session.pb.send(`/api/mingchu/canteens/${canteen}/public`, { method: 'POST', body: facts });
			this.session.canteens = await fetchCanteens({ pb: this.session.pb });
		});
		if (!problem) return {};
		this.session.problem = null;
		return sharedSaveErrors(problem);
	}
}
