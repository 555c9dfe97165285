import type PocketBase from 'pocketbase';
import { addDaysTo, LEDGER_DEFINITIONS, localDateOf, resolveSettings } from '$lib/domain';
import { LEDGERS, type KitchenDb, type LedgerName, type LedgerRecord, type StaffRecord, type WasteCollectorRecord, type InspectionTemplateRecord, type SupplierRecord, type MenuRecord, type RegisteredAdditiveRecord } from '$lib/db/schema';
import { classifyApiError, type ApiProblem } from '$lib/pb/errors';
import {
	fetchCanteen,
	fetchLedgerPage,
	fetchPinVerifiers,
	fetchSharedPage,
	pushLedger,
	refreshDevice,
	signInDevice,
	subscribeToCanteen,
	uploadPhoto,
	type PushResult,
	type Enrolment
} from '$lib/pb/kiosk-api';
import { applyPinVerifiers, applyServerShared, saveCanteen } from '$lib/repos/canteen';
import { pullChanges } from './pull';
import { applyServerRecords } from '$lib/repos/ledger';
import { markPhotoRefused, markPhotoUploaded, nextPhotosToSend } from '$lib/repos/photos';
import { acknowledgeSent, markRefused, nextToSend, type QueuedRecord } from '$lib/repos/outbox';

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

export class SyncEngine {
	readonly #db: KitchenDb;
	readonly #pb: PocketBase;
	readonly #enrolment: Enrolment;
	readonly #reporter: SyncReporter | undefined;
	readonly #batchSize: number;
	readonly #onRemoteChange: (() => void) | undefined;
	#running: Promise<SyncReport> | null = null;
	#again = false;
	#subscribed = false;

	constructor({
		db,
		pb,
		enrolment,
		reporter,
		batchSize = 100,
		onRemoteChange
	}: {
		db: KitchenDb;
		pb: PocketBase;
		enrolment: Enrolment;
		reporter?: SyncReporter;
		batchSize?: number;
		/** When given, the engine subscribes to the server's changes for this canteen once online. */
		onRemoteChange?: () => void;
	}) {
		this.#db = db;
		this.#pb = pb;
		this.#enrolment = enrolment;
		this.#reporter = reporter;
		this.#batchSize = batchSize;
		this.#onRemoteChange = onRemoteChange;
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
				await this.#signIn();
				const report = await this.#push();
				total.sent += report.sent;
				total.refused += report.refused;
				await this.#pushPhotos();
				await this.#pull();
				await this.#subscribe();
				this.#reporter?.succeeded(new Date().toISOString());
			} catch (error) {
				this.#reporter?.failed(classifyApiError(error));
				throw error;
			}
		} while (this.#again);
		return total;
	}

	/**
	 * Realtime events make another tablet's check appear within a second instead of at the next
	 * timed sync. The SDK reconnects by itself; a failed subscription is tried again next sync.
	 */
	async #subscribe() {
		if (this.#subscribed || !this.#onRemoteChange) return;
		try {
			await subscribeToCanteen({ pb: this.#pb, device: this.#enrolment.device.id, onChange: this.#onRemoteChange });
			this.#subscribed = true;
		} catch (error) {
			// Live updates are a convenience: the timed sync still brings everything.
			console.warn('realtime subscription failed', classifyApiError(error));
		}
	}

	/**
	 * Refreshes the token at every sync (a tablet may stay offline for weeks), and signs in again with
	 * the tablet's own secret when the token has expired or was revoked. PocketBase treats a revoked
	 * token on an ordinary read as no sign-in at all, so only this step can tell the kiosk it was
	 * switched off: the sign-in is then refused and the error reaches the status badge.
	 */
	async #signIn(): Promise<void> {
		if (this.#pb.authStore.isValid) {
			try {
				await refreshDevice({ pb: this.#pb });
				return;
			} catch (error) {
				if (classifyApiError(error).kind !== 'auth') throw error;
				this.#pb.authStore.clear();
			}
		}
		await signInDevice({ pb: this.#pb, enrolment: this.#enrolment });
	}

	/**
	 * Sends the outbox oldest first, in batches; the server answers for each record, so a refused one
	 * is set aside with its reason without holding up the rest. Only ever called signed in.
	 *
	 * Pipelined: once the server has answered batch k, the next batch is read and sent while batch k
	 * is being acknowledged locally. The server still receives the batches strictly in order, and a
	 * crash before an acknowledgement commits only means a harmless re-send (answered `duplicate`).
	 */
	async #push(): Promise<SyncReport> {
		const report: SyncReport = { sent: 0, refused: 0 };
		const db = this.#db;
		// Entries up to this seq have been answered by the server in this run.
		let answered = 0;
		let acknowledging: Promise<void> = Promise.resolve();
		let batch = await nextToSend({ db, limit: this.#batchSize, after: answered });
		try {
			while (batch.queued.length > 0) {
				const sending = batch;
				const results = await pushLedger({ pb: this.#pb, collection: sending.collection, records: sending.queued.map((q) => q.record) });
				answered = sending.queued[sending.queued.length - 1]!.entry.seq;
				// The read is started first so that IndexedDB serves it before the acknowledgement's write.
				const next = nextToSend({ db, limit: this.#batchSize, after: answered });
				acknowledging = acknowledging.then(() => this.#settle(sending.collection, sending.queued, results, report));
				// Its failure is thrown by the `finally` below; until then the next push may take seconds,
				// and a rejection nobody has listened to yet must not count as unhandled.
				acknowledging.catch(() => undefined);
				batch = await next;
			}
		} finally {
			await acknowledging;
		}
		return report;
	}

	async #settle(collection: LedgerName, batch: QueuedRecord[], results: PushResult[], report: SyncReport) {
		const byId = new Map(results.map((result) => [result.id, result]));
		const sent: { seq: number; id: string; server: Record<string, unknown> }[] = [];
		for (const { entry, record } of batch) {
			const result = byId.get(record.id);
			// No answer for a record means the server did not look at it: it stays queued.
			if (!result) continue;
			if (result.status === 'refused') {
				await markRefused({
					db: this.#db,
					collection,
					seq: entry.seq,
					id: record.id,
					rejection: {
						message: result.error.message,
						fields: Object.fromEntries(
							Object.entries(result.error.data ?? {}).map(([field, error]) => [field, error.message ?? ''])
						),
						at: new Date().toISOString()
					}
				});
				report.refused += 1;
			} else {
				sent.push({ seq: entry.seq, id: record.id, server: result.record });
			}
		}
		await acknowledgeSent({ db: this.#db, collection, sent });
		report.sent += sent.length;
	}

	/**
	 * Photos go after their records, one at a time, each under its own id: an upload cut off halfway is
	 * sent again whole at the next sync, and one that arrived but whose reply was lost is answered with
	 * the stored copy. A photo the server refuses (not an image, too large) is set aside with the reason.
	 */
	async #pushPhotos(): Promise<void> {
		const db = this.#db;
		// Three at a time: one upload leaves the link idle while the server writes the file (bench/).
		for (let photos = await nextPhotosToSend({ db, limit: 3 }); photos.length > 0; photos = await nextPhotosToSend({ db, limit: 3 })) {
			const outcomes = await Promise.allSettled(
				photos.map(async (photo) => {
					try {
						await uploadPhoto({ pb: this.#pb, photo, bytes: photo.bytes });
						await markPhotoUploaded({ db, id: photo.id });
					} catch (error) {
						const problem = classifyApiError(error);
						if (problem.kind !== 'rejected') throw error;
						await markPhotoRefused({ db, id: photo.id, reason: problem.message });
					}
				})
			);
			const failed = outcomes.find((outcome) => outcome.status === 'rejected');
			if (failed) throw failed.reason;
		}
	}

	/** Canteen settings, then what changed in the shared data and in today's ledgers since the last pull. */
	async #pull(): Promise<void> {
		const db = this.#db;
		const pb = this.#pb;
		const canteenId = this.#enrolment.device.canteen;
		const canteen = await fetchCanteen({ pb, canteen: canteenId });
		await saveCanteen({ db, canteen });
		for (const collection of ['staff', 'waste_collectors', 'inspection_templates', 'suppliers', 'menus', 'additives'] as const) {
			await pullChanges({
				db,
				collection,
				fetchPage: (request) => fetchSharedPage<StaffRecord | WasteCollectorRecord | InspectionTemplateRecord | SupplierRecord | MenuRecord | RegisteredAdditiveRecord>({ pb, collection, canteen: canteenId, request }),
				apply: (rows, cursor) => applyServerShared({ db, collection, rows, cursor })
			});
		}
		await applyPinVerifiers({ db, canteen: canteenId, verifiers: await fetchPinVerifiers({ pb }) });
		const settings = resolveSettings({ type: canteen.type, overrides: canteen.settings });
		const today = localDateOf(new Date(), settings.utcOffsetMinutes);
		// Other tablets' records this one needs, as far back as each ledger's definition says (today's;
		// the samples still in the fridge; the week's and month's self-inspection rounds).
		const ledgers = LEDGERS.map((collection) => {
			const { field, days } = LEDGER_DEFINITIONS[collection].pull;
			const from = addDaysTo(today, -days);
			return { collection, field, from: field === 'date' ? from : `${from} 00:00:00` };
		});
		for (const { collection, field, from } of ledgers) {
			await pullChanges({
				db,
				collection,
				fetchPage: (request) => fetchLedgerPage<LedgerRecord>({ pb, collection, canteen: canteenId, field, from, request }),
				apply: (rows, cursor) => applyServerRecords({ db, collection, rows, cursor })
			});
		}
	}
}
