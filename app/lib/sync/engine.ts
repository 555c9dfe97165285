import type PocketBase from 'pocketbase';
import { localDateOf, resolveSettings } from '$lib/domain';
import type { KitchenDb, MorningCheckRecord } from '$lib/db/schema';
import { batchFailure, classifyApiError, type ApiProblem } from '$lib/pb/errors';
import {
	fetchCanteenData,
	fetchMorningChecksOfDay,
	morningCheckForServer,
	signInDevice,
	type Enrolment
} from '$lib/pb/kiosk-api';
import { applyServerMorningChecks } from '$lib/repos/morning-checks';
import { replaceCanteenData } from '$lib/repos/canteen';
import { acknowledgeSent, markRefused, nextToSend, noteAttempt } from '$lib/repos/outbox';

/** What the sync loop reports; the kiosk's status badge is one implementation. */
export interface SyncReporter {
	started(): void;
	succeeded(at: string): void;
	failed(problem: ApiProblem): void;
}

export interface SyncReport {
	sent: number;
	refused: number;
}

/** A record the server keeps failing on with a 5xx is set aside rather than blocking the queue forever. */
const MAX_SERVER_FAILURES = 5;

export class SyncEngine {
	readonly #db: KitchenDb;
	readonly #pb: PocketBase;
	readonly #enrolment: Enrolment;
	readonly #reporter: SyncReporter | undefined;
	readonly #batchSize: number;
	#running: Promise<SyncReport> | null = null;
	#again = false;

	constructor({
		db,
		pb,
		enrolment,
		reporter,
		batchSize = 50
	}: {
		db: KitchenDb;
		pb: PocketBase;
		enrolment: Enrolment;
		reporter?: SyncReporter;
		batchSize?: number;
	}) {
		this.#db = db;
		this.#pb = pb;
		this.#enrolment = enrolment;
		this.#reporter = reporter;
		this.#batchSize = batchSize;
	}

	/**
	 * Push, then pull. Calls made while a sync runs are folded into one more run afterwards, so a check
	 * saved mid-sync is not left waiting for the next timer.
	 */
	sync(): Promise<SyncReport> {
		if (this.#running) {
			this.#again = true;
			return this.#running;
		}
		this.#running = this.#loop().finally(() => {
			this.#running = null;
		});
		return this.#running;
	}

	async #loop(): Promise<SyncReport> {
		const total: SyncReport = { sent: 0, refused: 0 };
		do {
			this.#again = false;
			this.#reporter?.started();
			try {
				const report = await this.#withAuth(() => this.push());
				total.sent += report.sent;
				total.refused += report.refused;
				await this.#withAuth(() => this.pull());
				this.#reporter?.succeeded(new Date().toISOString());
			} catch (error) {
				this.#reporter?.failed(classifyApiError(error));
				throw error;
			}
		} while (this.#again);
		return total;
	}

	async #withAuth<T>(work: () => Promise<T>): Promise<T> {
		if (!this.#pb.authStore.isValid) await signInDevice({ pb: this.#pb, enrolment: this.#enrolment });
		try {
			return await work();
		} catch (error) {
			// The token may have expired or been invalidated: sign in once with the tablet's own secret.
			if (classifyApiError(error).kind !== 'auth') throw error;
			this.#pb.authStore.clear();
			await signInDevice({ pb: this.#pb, enrolment: this.#enrolment });
			return work();
		}
	}

	/** Sends the outbox oldest first, in batches; each batch is stored by the server all or nothing. */
	async push(): Promise<SyncReport> {
		const report: SyncReport = { sent: 0, refused: 0 };
		for (;;) {
			const queued = await nextToSend({ db: this.#db, limit: this.#batchSize });
			if (queued.length === 0) return report;
			await noteAttempt({ db: this.#db, seqs: queued.map((q) => q.entry.seq) });

			const batch = this.#pb.createBatch();
			for (const { entry, record } of queued) {
				batch.collection(entry.collection).create(morningCheckForServer(record));
			}
			try {
				const results = await batch.send();
				await acknowledgeSent({
					db: this.#db,
					sent: queued.map((q, i) => ({
						seq: q.entry.seq,
						id: q.record.id,
						server: (results[i]?.body ?? {}) as Partial<MorningCheckRecord>
					}))
				});
				report.sent += queued.length;
			} catch (error) {
				const failure = batchFailure(error);
				const culprit = failure ? queued[failure.index] : undefined;
				if (!failure || !culprit) throw error;
				const { problem } = failure;
				const settle =
					problem.kind === 'rejected' ||
					problem.kind === 'forbidden' ||
					(problem.kind === 'server' && culprit.entry.attempts + 1 >= MAX_SERVER_FAILURES);
				if (!settle) throw error;
				// Only the culprit is set aside; the rest of the batch was rolled back and goes again.
				await markRefused({
					db: this.#db,
					seq: culprit.entry.seq,
					id: culprit.record.id,
					rejection: {
						message: 'message' in problem ? problem.message : '',
						fields: problem.kind === 'rejected' ? problem.fields : {},
						at: new Date().toISOString()
					}
				});
				report.refused += 1;
			}
		}
	}

	/** Staff, canteen settings and today's checks from other tablets of the same canteen. */
	async pull(): Promise<void> {
		const canteenId = this.#enrolment.device.canteen;
		const { canteen, staff } = await fetchCanteenData({ pb: this.#pb, canteen: canteenId });
		await replaceCanteenData({ db: this.#db, canteen, staff });
		const settings = resolveSettings({ type: canteen.type, overrides: canteen.settings });
		const today = localDateOf(new Date(), settings.utcOffsetMinutes);
		const checks = await fetchMorningChecksOfDay({ pb: this.#pb, canteen: canteenId, date: today });
		await applyServerMorningChecks({ db: this.#db, checks });
	}
}
