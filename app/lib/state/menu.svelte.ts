// 带量食谱: one week's menu of the chosen canteen, edited in the administration under the version rule.
import { addDaysTo, weekStartOf, type LocalDate, type MenuInput } from '$lib/domain';
import type { MenuRecord } from '$lib/db/schema';
import { sharedSaveErrors } from '$lib/pb/errors';
import { saveShared } from '$lib/pb/shared-data';
import type { AdminSession } from './admin.svelte';

export class MenuWeek {
	weekStart = $state<LocalDate>('');
	/** The stored menu of the week; null while the week has none. */
	record = $state.raw<MenuRecord | null>(null);
	loaded = $state(false);
	readonly session: AdminSession;

	constructor(session: AdminSession) {
		this.session = session;
		this.weekStart = weekStartOf(session.today);
	}

	async load(weekStart = this.weekStart) {
		const canteen = this.session.canteenId;
		if (!canteen) return;
		const week = weekStartOf(weekStart);
		// Reloading the same week (after someone else saved it) keeps the editor and what was typed in it.
		if (week !== this.weekStart) this.loaded = false;
		this.weekStart = week;
		await this.session.call(async () => {
			const pb = this.session.pb;
			const found = await pb.collection('menus').getList<MenuRecord>(1, 1, { filter: pb.filter('canteen = {:canteen} && week_start = {:week}', { canteen, week: this.weekStart }) });
			this.record = found.items[0] ?? null;
		});
		this.loaded = true;
	}

	shift(weeks: number) {
		return this.load(addDaysTo(this.weekStart, 7 * weeks));
	}

	/** Saves the week; the server's reasons by field when it refuses (a banned dish names itself). */
	async save(days: MenuInput['days']): Promise<Record<string, string>> {
		const canteen = this.session.canteenId;
		if (!canteen) return {};
		const edited = this.record ? { id: this.record.id, version: this.record.version } : undefined;
		const problem = await this.session.call(async () => {
			this.record = await saveShared({ pb: this.session.pb, collection: 'menus', canteen, edited, value: { week_start: this.weekStart, days } });
		});
		if (!problem) return {};
		// Not saved: the form keeps what was typed and says why.
		if (problem.kind === 'rejected') this.session.problem = null;
		const errors = sharedSaveErrors(problem);
		if (errors.version) await this.load();
		return errors;
	}
}
