import { get, set } from 'idb-keyval';
import {
	localDateOf,
	resolveSettings,
	type CanteenSettings,
	type FoodSampleInput,
	type AdditiveUseInput,
	type InputOf,
	type MealClosureInput,
	type MorningCheckInput,
	type PurchaseInput,
	type RefsOf,
	type ReturnClearanceInput,
	type StaffInput,
	type VoidableLedger,
	type WasteHandoverInput
} from '$lib/domain';
import { kitchenDb, type LedgerName, type CanteenRecord, type FoodSampleRecord, type KitchenDb, type StaffRecord, type SupplierRecord, type WasteCollectorRecord } from '$lib/db/schema';
import { recordWasteHandover } from '$lib/repos/waste';
import { recordPurchase } from '$lib/repos/purchases';
import { createPocketBase, sameOrigin } from '$lib/pb/client';
import { enrolDevice, uploadPhoto, type Enrolment } from '$lib/pb/kiosk-api';
import { saveShared } from '$lib/pb/shared-data';
import { classifyApiError, sharedSaveErrors } from '$lib/pb/errors';
import { applyServerShared, getAdditiveRegister } from '$lib/repos/canteen';
import { ocrEngines } from '$lib/state/ocr-engines.svelte';
import { newRecordId } from '$lib/db/ids';
import { disposeFoodSample, recordFoodSample, recordMealClosure } from '$lib/repos/food-samples';
import { voidRecord } from '$lib/repos/voids';
import { recordReturnClearance, staffKnownHere } from '$lib/repos/return-clearances';
import { recordEntry } from '$lib/repos/ledger';
import { correctRefusedMorningCheck, preparePhoto, recordMorningCheck, voidMorningCheck } from '$lib/repos/morning-checks';
import { watchOutboxCounts } from '$lib/repos/outbox';
import { SyncEngine } from '$lib/sync/engine';
import { SyncScheduler } from '$lib/sync/scheduler';
import { SyncStatus } from './sync-status.svelte';

/** The ledgers whose judgement looks up no other record (their refs are empty): saved with `record`. */
type SelfContainedLedger = { [L in LedgerName]: RefsOf<L> extends Record<string, never> ? L : never }[LedgerName];

const ENROLMENT_KEY = 'enrolment';
const CHECKER_KEY = 'checker';

/** The kitchen tablet: its enrolment, who is doing the checks, its database and its sync loop. */
/** After enrolment or start-up, how long the kiosk waits before caching the OCR engines. */
const OCR_DOWNLOAD_DELAY_MS = 10_000;

export class Kiosk {
	readonly db = kitchenDb();
	readonly pb = createPocketBase({ baseUrl: sameOrigin(), authKey: 'mingchu.device' });
	readonly status = new SyncStatus();

	ready = $state(false);
	enrolment = $state.raw<Enrolment | null>(null);
	checker = $state<string | null>(null);
	/** Ticks every minute so that "today" turns over at midnight on a tablet that is never reloaded. */
	now = $state(Date.now());

	#scheduler: SyncScheduler | undefined;
	#loading: Promise<void> | undefined;

	load(): Promise<void> {
		this.#loading ??= (async () => {
			const [enrolment, checker] = await Promise.all([
				get<Enrolment>(ENROLMENT_KEY),
				get<string>(CHECKER_KEY),
				this.db.open()
			]);
			this.enrolment = enrolment ?? null;
			this.checker = checker ?? null;
			this.ready = true;
			void this.status.measureStorage();
			setInterval(() => {
				this.now = Date.now();
				void this.status.measureStorage();
			}, 60_000);
			// The first screen comes first: syncing reads the outbox too, so it starts just after.
			if (enrolment) setTimeout(() => this.#startSync(enrolment), 250);
		})();
		return this.#loading;
	}

	async enrol(code: string) {
		const enrolment = await enrolDevice({ pb: this.pb, code });
		// Ask the browser never to evict this tablet's records under storage pressure.
		void navigator.storage?.persist?.();
		await set(ENROLMENT_KEY, enrolment);
		this.enrolment = enrolment;
		this.#startSync(enrolment);
	}

	async setChecker(name: string | null) {
		await set(CHECKER_KEY, name);
		this.checker = name;
	}

	settingsFor(canteen: CanteenRecord | undefined) {
		return resolveSettings({ type: canteen?.type ?? 'school', overrides: canteen?.settings });
	}

	today(canteen: CanteenRecord | undefined) {
		return localDateOf(new Date(this.now), this.settingsFor(canteen).utcOffsetMinutes);
	}

	syncNow() {
		this.#scheduler?.kick();
	}

	async recordCheck({
		canteen,
		staff,
		input,
		photo
	}: {
		canteen: CanteenRecord | undefined;
		staff: StaffRecord;
		input: MorningCheckInput;
		photo?: Blob | null;
	}) {
		const enrolment = this.#requireEnrolment();
		const result = await recordMorningCheck({
			photo: photo ? await preparePhoto(photo) : undefined,
			db: this.db,
			settings: this.settingsFor(canteen),
			canteen: enrolment.device.canteen,
			device: enrolment.device.id,
			staff: await this.staffForCheck({ canteen, staff }),
			input
		});
		if (result.ok) this.syncNow();
		return result;
	}

	async correctRefusedCheck({
		id,
		canteen,
		staff,
		input,
		photo
	}: {
		id: string;
		canteen: CanteenRecord | undefined;
		staff: StaffRecord;
		input: MorningCheckInput;
		photo?: Blob | null;
	}) {
		const result = await correctRefusedMorningCheck({
			photo: photo ? await preparePhoto(photo) : undefined,
			db: this.db,
			settings: this.settingsFor(canteen),
			id,
			staff: await this.staffForCheck({ canteen, staff }),
			input
		});
		if (result.ok) this.syncNow();
		return result;
	}

	/** A person as the rules see them on this tablet (out until cleared, even before the server knows). */
	staffForCheck({ canteen, staff }: { canteen: CanteenRecord | undefined; staff: StaffRecord }) {
		return staffKnownHere({ db: this.db, staff, today: this.today(canteen) });
	}

	/** 复岗: a person kept from food for an illness may return (rules 7–8, 13), with an optional certificate photo. */
	async recordReturnClearance({ canteen, staff, input, photo = null }: { canteen: CanteenRecord | undefined; staff: StaffRecord; input: ReturnClearanceInput; photo?: Blob | null }) {
		const evidence = photo ? await preparePhoto(photo) : undefined;
		const known = await this.staffForCheck({ canteen, staff });
		return this.#save(canteen, (context) => recordReturnClearance({ ...context, input, staff: known, photo: evidence }));
	}

	async recordSample({ canteen, input, photo = null }: { canteen: CanteenRecord | undefined; input: FoodSampleInput; photo?: Blob | null }) {
		const evidence = photo ? await preparePhoto(photo) : undefined;
		return this.#save(canteen, (context) => recordFoodSample({ ...context, input, photo: evidence }));
	}

	async disposeSample({ canteen, sample }: { canteen: CanteenRecord | undefined; sample: FoodSampleRecord }) {
		const enrolment = this.#requireEnrolment();
		const result = await disposeFoodSample({
			db: this.db,
			settings: this.settingsFor(canteen),
			sample,
			device: enrolment.device.id,
			disposedBy: this.checker ?? ''
		});
		if (result.ok) this.syncNow();
		return result;
	}

	/**
	 * A record of a ledger whose rules read nothing but the record and the canteen's settings (a photo,
	 * if any, is kept as evidence): disinfection, cold storage, additives, 陪餐, self-inspection, food temperatures…
	 */
	async record<L extends SelfContainedLedger>(
		ledger: L,
		{ canteen, input, photo = null }: { canteen: CanteenRecord | undefined; input: InputOf<L>; photo?: Blob | null }
	) {
		const evidence = photo ? await preparePhoto(photo) : undefined;
		return this.#save(canteen, (context) => recordEntry(ledger, { context, input, refs: {} as RefsOf<L>, photo: evidence }));
	}

	/** Rule 4: closes a meal for sampling with the dishes served. */
	recordMealClosure({ canteen, input }: { canteen: CanteenRecord | undefined; input: MealClosureInput }) {
		return this.#save(canteen, (context) => recordMealClosure({ ...context, input }));
	}

	/** An additive use (五专 ledger): the additive must be on the canteen's register as this tablet has it. */
	async recordAdditiveUse({ canteen, input }: { canteen: CanteenRecord | undefined; input: AdditiveUseInput }) {
		const register = await getAdditiveRegister({ db: this.db, canteen: this.#requireEnrolment().device.canteen });
		return this.#save(canteen, (context) => recordEntry('additive_uses', { context, input, refs: { register } }));
	}

	/** A delivery checked at the door, with the photo of its delivery note or e-ticket. */
	async recordPurchase({
		canteen,
		input,
		supplier,
		photo
	}: {
		canteen: CanteenRecord | undefined;
		input: PurchaseInput;
		supplier: SupplierRecord | undefined;
		photo: Blob | null;
	}) {
		const evidence = photo ? await preparePhoto(photo) : undefined;
		return this.#save(canteen, (context) => recordPurchase({ ...context, input, supplier, photo: evidence }));
	}

	/** A hand-over with the receiver's signature (a drawn image, kept and uploaded as evidence). */
	async recordWasteHandover({
		canteen,
		input,
		collector,
		signature
	}: {
		canteen: CanteenRecord | undefined;
		input: WasteHandoverInput;
		collector: WasteCollectorRecord | undefined;
		signature: Blob | null;
	}) {
		const signed = signature ? await preparePhoto(signature) : undefined;
		return this.#save(canteen, (context) => recordWasteHandover({ ...context, input, collector, signature: signed }));
	}

	/** Saves through a ledger's repository as this tablet, and starts sending at once when it was saved. */
	async #save<T extends { ok: boolean }>(
		canteen: CanteenRecord | undefined,
		write: (context: { db: KitchenDb; settings: CanteenSettings; canteen: string; device: string }) => Promise<T>
	): Promise<T> {
		const enrolment = this.#requireEnrolment();
		const result = await write({ db: this.db, settings: this.settingsFor(canteen), canteen: enrolment.device.canteen, device: enrolment.device.id });
		if (result.ok) this.syncNow();
		return result;
	}

	/** Voids a saved record of this canteen with a reason, in the name of the current checker. */
	async voidSaved({ ledger, recordId, reason }: { ledger: VoidableLedger; recordId: string; reason: string }) {
		const enrolment = this.#requireEnrolment();
		const result = await voidRecord({
			db: this.db,
			// Voiding reads no canteen rule: the defaults stand in for the canteen's settings.
			settings: this.settingsFor(undefined),
			canteen: enrolment.device.canteen,
			device: enrolment.device.id,
			ledger,
			recordId,
			reason,
			by: this.checker ?? ''
		});
		if (result.ok) this.syncNow();
		return result;
	}

	voidCheck({ id, reason }: { id: string; reason: string }) {
		return voidMorningCheck({ db: this.db, id, reason });
	}

	/**
	 * Adds or edits a staff member from the kiosk (shared data: needs the network, version rule), with a
	 * photo of the certificate. Returns the server's reasons by field, `request` when it was not reached.
	 */
	async saveStaff({ id, staff, photo }: { id?: string; staff: StaffInput; photo: Blob | null }): Promise<Record<string, string>> {
		const enrolment = this.#requireEnrolment();
		const edited = id ? await this.db.staff.get(id) : undefined;
		try {
			const saved = await saveShared({ pb: this.pb, collection: 'staff', canteen: enrolment.device.canteen, edited, id: id ?? newRecordId(), value: staff });
			if (photo) {
				const prepared = await preparePhoto(photo);
				const certificate = { id: newRecordId(), canteen: saved.canteen, device: enrolment.device.id, ledger: 'staff', record_id: saved.id, sha256: prepared.sha256, type: prepared.type };
				await uploadPhoto({ pb: this.pb, photo: certificate, bytes: prepared.bytes });
			}
			await applyServerShared({ db: this.db, collection: 'staff', rows: [saved] });
			return {};
		} catch (error) {
			const errors = sharedSaveErrors(classifyApiError(error));
			// Someone saved this person meanwhile: bring the newest version for the form to reopen on.
			if (errors.version && id) await applyServerShared({ db: this.db, collection: 'staff', rows: [await this.pb.collection('staff').getOne<StaffRecord>(id)] });
			return errors;
		}
	}

	#requireEnrolment(): Enrolment {
		if (!this.enrolment) throw new Error('this tablet is not enrolled');
		return this.enrolment;
	}

	#startSync(enrolment: Enrolment) {
		if (this.#scheduler) return;
		watchOutboxCounts({ db: this.db }).subscribe((counts) => this.status.counts(counts));
		const engine = new SyncEngine({
			db: this.db,
			pb: this.pb,
			enrolment,
			reporter: this.status,
			onRemoteChange: () => this.syncNow()
		});
		this.#scheduler = new SyncScheduler({ engine });
		this.#scheduler.start();
		// The OCR engines (≈ 36 MB) come after the records: they must not slow the first sync.
		setTimeout(() => void ocrEngines.download(), OCR_DOWNLOAD_DELAY_MS);
	}
}

export const kiosk = new Kiosk();
