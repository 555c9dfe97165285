// The dashboard grid and the alert loop for the signed-in person, over the canteens they may see.
import { addDaysTo, type LocalDate } from '$lib/domain';
import { sharedSaveErrors } from '$lib/pb/errors';
import { answerAlert, fetchAlerts, fetchAlertSteps, fetchComplaints, fetchGrid, reviewAlert, type AlertRecord, type AlertStep, type ComplaintRecord, type GridAnswer } from '$lib/pb/oversight-api';
import type { AdminSession } from './admin.svelte';

export type RangeChoice = 'day' | 'week' | 'month';

export class Oversight {
	grid = $state.raw<GridAnswer | null>(null);
	range = $state<RangeChoice>('day');
	alerts = $state.raw<AlertRecord[]>([]);
	steps = $state.raw<Record<string, AlertStep[]>>({});
	/** The complaints behind complaint alerts, by id. */
	complaints = $state.raw<Record<string, ComplaintRecord>>({});
	openOnly = $state(true);
	/** A file token for the alerts' photos and snapshots (they are protected files). */
	fileToken = $state('');
	#stopWatching: (() => void) | undefined;
	readonly session: AdminSession;

	constructor(session: AdminSession) {
		this.session = session;
	}

	/** The chosen range ends on the day the session shows (today unless a past day was picked). */
	get to(): string {
		return this.session.day;
	}
	get from(): string {
		return this.range === 'day' ? this.to : addDaysTo(this.to as LocalDate, this.range === 'week' ? -6 : -29);
	}

	async loadGrid() {
		const { from, to } = this;
		await this.session.call(async () => {
			this.grid = await fetchGrid({ pb: this.session.pb, from, to });
		});
	}

	async choose(range: RangeChoice) {
		this.range = range;
		await this.loadGrid();
	}

	async loadAlerts() {
		await this.session.call(async () => {
			const alerts = await fetchAlerts({ pb: this.session.pb, open: this.openOnly });
			const [steps, complaints] = await Promise.all([
				fetchAlertSteps({ pb: this.session.pb, alerts: alerts.map((a) => a.id) }),
				fetchComplaints({ pb: this.session.pb, ids: alerts.filter((a) => a.source === 'complaint').map((a) => a.record_id) })
			]);
			const byAlert: Record<string, AlertStep[]> = {};
			for (const step of steps) (byAlert[step.alert] ??= []).push(step);
			this.fileToken = await this.session.pb.files.getToken();
			this.alerts = alerts;
			this.steps = byAlert;
			this.complaints = Object.fromEntries(complaints.map((complaint) => [complaint.id, complaint]));
		});
	}

	/** Alerts arrive and change live: a kiosk's sync, a camera, another manager's answer. */
	watch(onChange: () => void) {
		this.#stopWatching ??= this.session.onAlertChange(onChange);
	}

	stop() {
		this.#stopWatching?.();
		this.#stopWatching = undefined;
	}

	fileUrl(record: { id: string; collectionId?: string; collectionName?: string }, file: string): string {
		return file ? this.session.pb.files.getURL(record, file, { token: this.fileToken }) : '';
	}

	/** The manager's answer; the form keeps what was typed and shows the reasons when refused. */
	async answer(alert: string, { note, doneBy, photo, publish }: { note: string; doneBy: string; photo: Blob | null; publish?: boolean }): Promise<Record<string, string>> {
		return this.#submit(() => answerAlert({ pb: this.session.pb, alert, note, doneBy, photo, publish }));
	}

	async review(alert: string, { decision, note }: { decision: 'accept' | 'reopen'; note: string }): Promise<Record<string, string>> {
		return this.#submit(() => reviewAlert({ pb: this.session.pb, alert, decision, note }));
	}

	async #submit(send: () => Promise<unknown>): Promise<Record<string, string>> {
		const problem = await this.session.call(async () => {
			await send();
		});
		if (problem) {
			// Refused: the form says why next to what was typed, instead of the page's banner.
			if (problem.kind === 'rejected' || problem.kind === 'forbidden') this.session.problem = null;
			return { ...sharedSaveErrors(problem), request: 'message' in problem ? problem.message : '' };
		}
		await this.loadAlerts();
		return {};
	}
}
