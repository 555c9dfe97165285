// 聚餐登记: the gatherings registered by the canteens in sight — a manager's own, a regulator's district.
import { addDaysTo, type GroupMealInput } from '$lib/domain';
import { sharedSaveErrors } from '$lib/pb/errors';
import type { AdminSession } from './admin.svelte';

export interface GroupMealRecord extends GroupMealInput {
	id: string;
	canteen: string;
	registered_by: string;
	created: string;
	expand?: { canteen?: { name: string; district?: string } };
}

/** How far back the list goes: last month's gatherings, for following them up. */
const LOOK_BACK_DAYS = 30;

export class GroupMeals {
	list = $state.raw<GroupMealRecord[]>([]);
	readonly session: AdminSession;

	constructor(session: AdminSession) {
		this.session = session;
	}

	async load() {
		const pb = this.session.pb;
		await this.session.call(async () => {
			this.list = await pb.collection('group_meals').getFullList<GroupMealRecord>({
				filter: pb.filter('date >= {:from}', { from: addDaysTo(this.session.today, -LOOK_BACK_DAYS) }),
				sort: 'date,canteen',
				expand: 'canteen'
			});
		});
	}

	/** Registers a gathering for the chosen canteen; the server's reasons by field when it refuses. */
	async register(input: GroupMealInput): Promise<Record<string, string>> {
		const canteen = this.session.canteenId;
		if (!canteen) return {};
		const problem = await this.session.call(async () => {
			await this.session.pb.collection('group_meals').create({ ...input, canteen });
		});
		if (problem) {
			if (problem.kind === 'rejected') this.session.problem = null;
			return sharedSaveErrors(problem);
		}
		await this.load();
		return {};
	}
}
