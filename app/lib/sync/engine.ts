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
import { acknowledgeSent, markRefused, nextToSend, noteFailedAttempt, type QueuedRecord } from '$lib/repos/outbox';

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
		batchSize = 100
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
				const report = await this.#withAuth(() => this.#push());
				total.sent += report.sent;
				total.refused += report.refused;
				await this.#withAuth(() => this.#pull());
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

	/**
	 * Sends the outbox oldest first, in batches; each batch is stored by the server all or nothing.
	 * Only ever called signed in: an anonymous request would be refused record by record.
	 *
	 * Pipelined: once the server has answered batch k, the next batch is read and sent while batch k
	 * is being acknowledged locally. The server still receives the batches strictly in order, and a
	 * crash before an acknowledgement commits only means a harmless re-send.
	 */
	async #push(): Promise<SyncReport> {
		const report: SyncReport = { sent: 0, refused: 0 };
		const db = this.#db;
		// Entries up to this seq are stored on the server in this run (acknowledged or being so).
		let confirmed = 0;
		let acknowledging: Promise<void> = Promise.resolve();
		let queued = await nextToSend({ db, limit: this.#batchSize, after: confirmed });
		try {
			while (queued.length > 0) {
				const batch = this.#pb.createBatch();
				for (const { entry, record } of queued) {
					batch.collection(entry.collection).create(morningCheckForServer(record));
				}
				let results: Awaited<ReturnType<typeof batch.send>>;
				try {
					results = await batch.send();
				} catch (error) {
					await acknowledging;
					report.refused += await this.#setAsideCulprit(error, queued);
					queued = await nextToSend({ db, limit: this.#batchSize, after: confirmed });
					continue;
				}
				const sent = queued;
				confirmed = sent[sent.length - 1]!.entry.seq;
				report.sent += sent.length;
				// The read is started first so that IndexedDB serves it before the acknowledgement's write.
				const next = nextToSend({ db, limit: this.#batchSize, after: confirmed });
				const previous = acknowledging;
				acknowledging = previous.then(() =>
					acknowledgeSent({
						db,
						sent: sent.map((q, i) => ({
							seq: q.entry.seq,
							id: q.record.id,
							server: (results[i]?.body ?? {}) as Partial<MorningCheckRecord>
						}))
					})
				);
				queued = await next;
			}
		} finally {
			await acknowledging;
		}
		return report;
	}

	/**
	 * A failed batch names the request that failed. A record the server refuses (or keeps failing on)
	 * is set aside with the reason; the rest of the batch was rolled back and goes again. Anything
	 * else (offline, signed out, server down) is thrown to the caller, which retries later.
	 */
	async #setAsideCulprit(error: unknown, queued: QueuedRecord[]): Promise<number> {
		const failure = batchFailure(error);
		const culprit = failure ? queued[failure.index] : undefined;
		if (!failure || !culprit) throw error;
		const { problem } = failure;
		if (problem.kind === 'server') {
			const attempts = await noteFailedAttempt({ db: this.#db, seq: culprit.entry.seq });
			if (attempts < MAX_SERVER_FAILURES) throw error;
		} else if (problem.kind !== 'rejected' && problem.kind !== 'forbidden') {
			throw error;
		}
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
		return 1;
	}

	/** Staff, canteen settings and today's checks from other tablets of the same canteen. */
	async #pull(): Promise<void> {
		const canteenId = this.#enrolment.device.canteen;
		const { canteen, staff } = await fetchCanteenData({ pb: this.#pb, canteen: canteenId });
		await replaceCanteenData({ db: this.#db, canteen, staff });
		const settings = resolveSettings({ type: canteen.type, overrides: canteen.settings });
		const today = localDateOf(new Date(), settings.utcOffsetMinutes);
		const checks = await fetchMorningChecksOfDay({ pb: this.#pb, canteen: canteenId, date: today });
		await applyServerMorningChecks({ db: this.#db, checks });
	}
}
