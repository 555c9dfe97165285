// Regulator inspections of the chosen canteen, and the managers' inspector links with the log of who
// looked.
import { sharedSaveErrors } from '$lib/pb/errors';
import {
	createInspectorLink,
	fetchInspections,
	fetchInspectionStaff,
	fetchInspectorLinks,
	finishInspection,
	openInspection,
	revokeInspectorLink,
	type AccessLogEntry,
	type InspectionRecord,
	type InspectionResult,
	type InspectionStaff,
	type InspectorLinkRecord
} from '$lib/pb/oversight-api';
import type { AdminSession } from './admin.svelte';

export class Inspections {
	list = $state.raw<InspectionRecord[]>([]);
	/** Names behind today's exceptions, fetched on request during an open inspection (and logged). */
	staff = $state.raw<InspectionStaff | null>(null);
	links = $state.raw<InspectorLinkRecord[]>([]);
	log = $state.raw<AccessLogEntry[]>([]);
	/** The address of a link just made: shown until the page is left, never again. */
	issued = $state<string | null>(null);
	fileToken = $state('');
	readonly session: AdminSession;

	constructor(session: AdminSession) {
		this.session = session;
	}

	/** The inspection of this regulator that is still open, if any. */
	get open(): InspectionRecord | undefined {
		const me = this.session.pb.authStore.record?.id;
		return this.list.find((inspection) => inspection.state === 'open' && inspection.inspector === me);
	}

	async load() {
		const canteen = this.session.canteenId;
		if (!canteen) return;
		await this.session.call(async () => {
			this.list = await fetchInspections({ pb: this.session.pb, canteen });
			this.fileToken = await this.session.pb.files.getToken();
			if (!this.session.isRegulator) [this.links, this.log] = await fetchInspectorLinks({ pb: this.session.pb, canteen });
		});
	}

	async start(kind: 'onsite' | 'remote') {
		const canteen = this.session.canteenId;
		if (!canteen) return;
		await this.session.call(async () => {
			await openInspection({ pb: this.session.pb, canteen, kind });
		});
		this.staff = null;
		await this.load();
	}

	async showStaff() {
		const open = this.open;
		if (!open) return;
		await this.session.call(async () => {
			this.staff = await fetchInspectionStaff({ pb: this.session.pb, inspection: open.id });
		});
	}

	async finish(input: InspectionResult): Promise<Record<string, string>> {
		const open = this.open;
		if (!open) return {};
		const problem = await this.session.call(async () => {
			await finishInspection({ pb: this.session.pb, inspection: open.id, input });
		});
		if (problem) {
			if (problem.kind === 'rejected') this.session.problem = null;
			return { ...sharedSaveErrors(problem), request: 'message' in problem ? problem.message : '' };
		}
		this.staff = null;
		await this.load();
		return {};
	}

	photoUrl(inspection: InspectionRecord, file: string): string {
		return this.session.pb.files.getURL(inspection, file, { token: this.fileToken, thumb: '240x240' });
	}

	async createLink(input: { from: string; to: string; days: number; label: string }) {
		const canteen = this.session.canteenId;
		if (!canteen) return;
		await this.session.call(async () => {
			const { token } = await createInspectorLink({ pb: this.session.pb, canteen, ...input });
			this.issued = `${location.origin}/inspect/${token}`;
		});
		await this.load();
	}

	async revokeLink(link: string) {
		await this.session.call(async () => {
			await revokeInspectorLink({ pb: this.session.pb, link });
		});
		await this.load();
	}
}
