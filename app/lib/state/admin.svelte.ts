import { localDateOf, resolveSettings, type LocalDate, type InspectionTemplate, type OperationalSettings, type RegisteredAdditive, type StaffInput, type Supplier, type WasteCollector } from '$lib/domain';
import type {
	AccompaniedMealRecord,
	AdditiveUseRecord,
	CanteenRecord,
	ColdReadingRecord,
	InspectionTemplateRecord,
	MealClosureRecord,
	PurchaseRecord,
	SelfInspectionRecord,
	SupplierRecord,
	FoodTemperatureRecord,
	RegisteredAdditiveRecord,
	DisinfectionRecord,
	FoodSampleRecord,
	MorningCheckRecord,
	StaffRecord,
	VoidRecord,
	WasteCollectorRecord,
	WasteHandoverRecord
} from '$lib/db/schema';
import { pinVerifier } from '$lib/pin/verifier';
import { newRecordId } from '$lib/db/ids';
import { createPocketBase, sameOrigin } from '$lib/pb/client';
import { saveShared } from '$lib/pb/shared-data';
import {
	createKiosk,
	deactivateKiosk,
	fetchCanteenDay,
	fetchCanteens,
	fetchLatestStaffChanges,
	type StaffChange,
	signInAdmin,
	tracePurchases,
	verifyLedger,
	type LedgerReport,
	type RefusedSubmission,
	watchMorningChecks,
	type DeviceRecord
} from '$lib/pb/admin-api';
import { classifyApiError, sharedSaveErrors, type ApiProblem } from '$lib/pb/errors';
import { watchAlerts } from '$lib/pb/oversight-api';

export type UserRole = 'manager' | 'org_admin' | 'regulator';

function roleOf(record: { [key: string]: unknown } | null): UserRole {
	return record?.role === 'regulator' || record?.role === 'org_admin' ? record.role : 'manager';
}

/** The administrator's session and the canteen day being reviewed. */
export class AdminSession {
	readonly pb = createPocketBase({ baseUrl: sameOrigin(), authKey: 'mingchu.admin' });

	signedIn = $state(this.pb.authStore.isValid);
	/** What the signed-in person may do (the server enforces it; the pages only leave out what would be refused). */
	role = $state<UserRole>(roleOf(this.pb.authStore.record));
	/** The canteens in sight have been read once (a regulator's district may hold none). */
	ready = $state(false);
	problem = $state<ApiProblem | null>(null);
	canteens = $state.raw<CanteenRecord[]>([]);
	canteenId = $state<string | null>(null);
	checks = $state.raw<MorningCheckRecord[]>([]);
	staff = $state.raw<StaffRecord[]>([]);
	devices = $state.raw<DeviceRecord[]>([]);
	photoUrls = $state.raw<Record<string, string>>({});
	/** Who last changed each person's certificate or food-contact post (a kiosk may too). */
	staffChanges = $state.raw<Record<string, StaffChange>>({});
	refused = $state.raw<RefusedSubmission[]>([]);
	samples = $state.raw<FoodSampleRecord[]>([]);
	disinfections = $state.raw<DisinfectionRecord[]>([]);
	coldReadings = $state.raw<ColdReadingRecord[]>([]);
	voids = $state.raw<Map<string, VoidRecord>>(new Map());
	wasteHandovers = $state.raw<WasteHandoverRecord[]>([]);
	wasteCollectors = $state.raw<WasteCollectorRecord[]>([]);
	additiveUses = $state.raw<AdditiveUseRecord[]>([]);
	accompaniedMeals = $state.raw<AccompaniedMealRecord[]>([]);
	selfInspections = $state.raw<SelfInspectionRecord[]>([]);
	mealClosures = $state.raw<MealClosureRecord[]>([]);
	purchases = $state.raw<PurchaseRecord[]>([]);
	suppliers = $state.raw<SupplierRecord[]>([]);
	foodTemperatures = $state.raw<FoodTemperatureRecord[]>([]);
	/** 添加剂备案: the additives the canteen keeps. */
	additives = $state.raw<RegisteredAdditiveRecord[]>([]);
	inspectionTemplates = $state.raw<InspectionTemplateRecord[]>([]);
	newKiosk = $state.raw<{ name: string; code: string } | null>(null);
	ledgerReport = $state.raw<LedgerReport | null>(null);
	verifying = $state(false);

	readonly isRegulator = $derived(this.role === 'regulator');
	readonly canteen = $derived(this.canteens.find((c) => c.id === this.canteenId));
	readonly settings = $derived(resolveSettings({ type: this.canteen?.type ?? 'school', overrides: this.canteen?.settings }));
	/** Ticks every minute, so that "today" turns over at the canteen's midnight without a reload. */
	#now = $state(Date.now());
	readonly today = $derived(localDateOf(new Date(this.#now), this.settings.utcOffsetMinutes));
	/** A past day chosen to review (back-filled sheets show up on the day they are about); null = today. */
	chosenDay = $state<LocalDate | null>(null);
	readonly day = $derived(this.chosenDay ?? this.today);
	#clock: ReturnType<typeof setInterval> | undefined;

	#unsubscribe: (() => Promise<void>) | undefined;
	#unsubscribeAlerts: (() => Promise<void>) | undefined;
	/** Pages that want to hear of alerts raised or changed (one realtime subscription for all of them). */
	#alertListeners = new Set<() => void>();

	/** Calls `listener` whenever an alert in sight is raised or changes; returns how to stop. */
	onAlertChange(listener: () => void): () => void {
		this.#alertListeners.add(listener);
		return () => this.#alertListeners.delete(listener);
	}

	async signIn({ email, password }: { email: string; password: string }) {
		await this.call(async () => {
			await signInAdmin({ pb: this.pb, email, password });
			this.role = roleOf(this.pb.authStore.record);
			this.signedIn = true;
			await this.start();
		});
	}

	signOut() {
		void this.#unsubscribe?.();
		this.#unsubscribe = undefined;
		void this.#unsubscribeAlerts?.();
		this.#unsubscribeAlerts = undefined;
		clearInterval(this.#clock);
		this.#clock = undefined;
		this.pb.authStore.clear();
		this.signedIn = false;
		this.canteens = [];
		this.canteenId = null;
		this.ready = false;
	}

	async start() {
		this.#clock ??= setInterval(() => {
			const before = this.today;
			this.#now = Date.now();
			if (this.today !== before && this.chosenDay === null) void this.refresh();
		}, 60_000);
		await this.call(async () => {
			this.canteens = await fetchCanteens({ pb: this.pb });
			this.canteenId ??= this.canteens[0]?.id ?? null;
			this.ready = true;
			await this.refresh();
			this.#unsubscribe ??= await watchMorningChecks({ pb: this.pb, onChange: () => void this.refresh() });
			// Subscribed once for the whole session: pages come and go, the subscription stays.
			this.#unsubscribeAlerts ??= await watchAlerts({ pb: this.pb, onChange: () => this.#alertListeners.forEach((listener) => listener()) });
		});
	}

	async choose(canteenId: string) {
		this.canteenId = canteenId;
		this.newKiosk = null;
		this.ledgerReport = null;
		await this.refresh();
	}

	async refresh() {
		const canteen = this.canteenId;
		if (!canteen) return;
		await this.call(async () => {
			const [day, staffChanges] = await Promise.all([
				fetchCanteenDay({ pb: this.pb, canteen, date: this.day }),
				fetchLatestStaffChanges({ pb: this.pb, canteen })
			]);
			this.staffChanges = staffChanges;
			this.checks = day.checks;
			this.staff = day.staff;
			this.devices = day.devices;
			this.photoUrls = day.photoUrls;
			this.refused = day.refused;
			this.samples = day.samples;
			this.disinfections = day.disinfections;
			this.coldReadings = day.coldReadings;
			this.voids = day.voids;
			this.wasteHandovers = day.wasteHandovers;
			this.wasteCollectors = day.wasteCollectors;
			this.additiveUses = day.additiveUses;
			this.accompaniedMeals = day.accompaniedMeals;
			this.selfInspections = day.selfInspections;
			this.mealClosures = day.mealClosures;
			this.purchases = day.purchases;
			this.suppliers = day.suppliers;
			this.foodTemperatures = day.foodTemperatures;
			this.additives = day.additives;
			this.inspectionTemplates = day.inspectionTemplates;
		});
	}

	async showDay(day: string | null) {
		this.chosenDay = day && day !== this.today ? (day as LocalDate) : null;
		await this.refresh();
	}

	async createKiosk(name: string) {
		const canteen = this.canteenId;
		if (!canteen) return;
		await this.call(async () => {
			const { code } = await createKiosk({ pb: this.pb, canteen, name });
			this.newKiosk = { name, code };
			await this.refresh();
		});
	}

	async deactivateKiosk(device: string) {
		await this.call(async () => {
			await deactivateKiosk({ pb: this.pb, device });
			await this.refresh();
		});
	}

	/**
	 * Creates or edits a staff member; returns the server's reasons by field when it refuses (`request`
	 * when it was not reached). When someone else saved the person meanwhile, the newest version is
	 * loaded and the reason says so.
	 */
	async saveStaff({ id, staff }: { id?: string; staff: StaffInput & { pin?: string } }): Promise<Record<string, string>> {
		const edited = id ? this.staff.find((person) => person.id === id) : undefined;
		const { pin, pin_hash: _unchanged, ...fields } = staff;
		// A new person gets their id here, so that their PIN can be tied to it before they are saved. The
		// PIN never leaves this browser: the server gets its slow salted verifier, under its own key.
		const staffId = id ?? newRecordId();
		const withPin = pin ? { ...fields, pin_verifier: await pinVerifier(staffId, pin) } : fields;
		return this.#saveShared((canteen) => saveShared({ pb: this.pb, collection: 'staff', canteen, edited, id: staffId, value: withPin }));
	}

	/** A waste collector, under the same version rule as staff. */
	saveWasteCollector({ id, collector }: { id?: string; collector: WasteCollector }): Promise<Record<string, string>> {
		const edited = id ? this.wasteCollectors.find((c) => c.id === id) : undefined;
		return this.#saveShared((canteen) => saveShared({ pb: this.pb, collection: 'waste_collectors', canteen, edited, value: collector }));
	}

	/** A supplier, under the same version rule. */
	saveSupplier({ id, supplier }: { id?: string; supplier: Supplier }): Promise<Record<string, string>> {
		const edited = id ? this.suppliers.find((s) => s.id === id) : undefined;
		return this.#saveShared((canteen) => saveShared({ pb: this.pb, collection: 'suppliers', canteen, edited, value: supplier }));
	}

	/** An entry of the additive register (添加剂备案), under the same version rule. */
	saveAdditive({ id, additive }: { id?: string; additive: RegisteredAdditive }): Promise<Record<string, string>> {
		const edited = id ? this.additives.find((a) => a.id === id) : undefined;
		return this.#saveShared((canteen) => saveShared({ pb: this.pb, collection: 'additives', canteen, edited, value: additive }));
	}

	/** A self-inspection checklist, under the same version rule. */
	saveInspectionTemplate({ id, template }: { id?: string; template: InspectionTemplate }): Promise<Record<string, string>> {
		const edited = id ? this.inspectionTemplates.find((t) => t.id === id) : undefined;
		return this.#saveShared((canteen) => saveShared({ pb: this.pb, collection: 'inspection_templates', canteen, edited, value: template }));
	}

	/** The canteen's own times and names (version rule); the page shows the newest after a conflict. */
	async saveCanteenSettings(settings: OperationalSettings): Promise<Record<string, string>> {
		const canteen = this.canteen;
		if (!canteen) return {};
		return this.#saveShared(async () => {
			await this.pb.send(`/api/mingchu/canteens/${canteen.id}/settings`, { method: 'POST', body: { version: canteen.settings_version ?? 0, settings } });
			this.canteens = await fetchCanteens({ pb: this.pb });
		});
	}

	async #saveShared(save: (canteen: string) => Promise<unknown>): Promise<Record<string, string>> {
		const canteen = this.canteenId;
		if (!canteen) return {};
		const problem = await this.call(async () => {
			await save(canteen);
			await this.refresh();
		});
		if (!problem) return {};
		// Not saved: the form stays open with what was typed, and says why.
		const errors = sharedSaveErrors(problem);
		if (errors.version) {
			this.problem = null;
			this.canteens = await fetchCanteens({ pb: this.pb });
			await this.refresh();
		}
		return errors;
	}

	/** Traceability: purchases of the canteen in a range, optionally from one supplier. */
	async tracePurchases(query: { supplier?: string; from: string; to: string }): Promise<PurchaseRecord[]> {
		const canteen = this.canteenId;
		if (!canteen) return [];
		let found: PurchaseRecord[] = [];
		await this.call(async () => {
			found = await tracePurchases({ pb: this.pb, canteen, ...query });
		});
		return found;
	}

	async verifyLedger({ from, to }: { from: string; to: string }) {
		const canteen = this.canteenId;
		if (!canteen) return;
		this.verifying = true;
		await this.call(async () => {
			this.ledgerReport = await verifyLedger({ pb: this.pb, canteen, from, to });
		});
		this.verifying = false;
	}

	/** Every API call of the administrator goes through here: one place decides what an error means. */
	async call(work: () => Promise<void>): Promise<ApiProblem | null> {
		try {
			await work();
			this.problem = null;
			return null;
		} catch (error) {
			const problem = classifyApiError(error);
			this.problem = problem;
			if (problem.kind === 'auth' && this.signedIn) this.signOut();
			return problem;
		}
	}
}
