import type PocketBase from 'pocketbase';
import { watchChanges } from './live-changes';
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

export interface DeviceRecord {
	id: string;
	name: string;
	canteen: string;
	active: boolean;
	enrolled_at: string;
}

export function signInAdmin({ pb, email, password }: { pb: PocketBase; email: string; password: string }) {
	return pb.collection('users').authWithPassword(email, password);
}

export function fetchCanteens({ pb }: { pb: PocketBase }) {
	return pb.collection('canteens').getFullList<CanteenRecord>({ sort: 'name' });
}

/** Awaits named requests side by side: each answer under its own name, not by position. */
async function allNamed<T extends object>(requests: T): Promise<{ [K in keyof T]: Awaited<T[K]> }> {
	const names = Object.keys(requests);
	const answers = await Promise.all(Object.values(requests));
	return Object.fromEntries(names.map((name, i) => [name, answers[i]])) as { [K in keyof T]: Awaited<T[K]> };
}

export async function fetchCanteenDay({ pb, canteen, date }: { pb: PocketBase; canteen: string; date: string }) {
	const byCanteen = pb.filter('canteen = {:canteen}', { canteen });
	/** One ledger's records filed under the day (the day the event happened), in time order. */
	const ofDay = <R>(collection: string, sort: string) =>
		pb.collection(collection).getFullList<R>({ filter: pb.filter('canteen = {:canteen} && date = {:date}', { canteen, date }), sort });
	const day = await allNamed({
		checks: ofDay<MorningCheckRecord>('morning_checks', 'checked_at'),
		staff: pb.collection('staff').getFullList<StaffRecord>({ filter: byCanteen, sort: 'name' }),
		devices: pb.collection('devices').getFullList<DeviceRecord>({ filter: byCanteen, sort: 'created' }),
		// The latest submissions the rules refused: they stay on the tablet and in the server's chain.
		refused: pb.collection('refused_submissions').getList<RefusedSubmission>(1, 20, { filter: byCanteen, sort: '-received_at' }).then((page) => page.items),
		samples: ofDay<FoodSampleRecord>('food_samples', 'taken_at'),
		disinfections: ofDay<DisinfectionRecord>('disinfections', 'started_at'),
		voids: pb.collection('voids').getList<VoidRecord>(1, 500, { filter: byCanteen, sort: '-voided_at' }).then((page) => page.items),
		coldReadings: ofDay<ColdReadingRecord>('cold_readings', 'read_at'),
		wasteHandovers: ofDay<WasteHandoverRecord>('waste_handovers', 'handed_at'),
		additiveUses: ofDay<AdditiveUseRecord>('additive_uses', 'used_at'),
		accompaniedMeals: ofDay<AccompaniedMealRecord>('accompanied_meals', 'eaten_at'),
		selfInspections: ofDay<SelfInspectionRecord>('self_inspections', 'inspected_at'),
		mealClosures: ofDay<MealClosureRecord>('meal_closures', 'closed_at'),
		purchases: ofDay<PurchaseRecord>('purchases', 'delivered_at'),
		foodTemperatures: ofDay<FoodTemperatureRecord>('food_temperatures', 'measured_at'),
		suppliers: pb.collection('suppliers').getFullList<SupplierRecord>({ filter: byCanteen, sort: 'name' }),
		additives: pb.collection('additives').getFullList<RegisteredAdditiveRecord>({ filter: byCanteen, sort: 'name' }),
		inspectionTemplates: pb.collection('inspection_templates').getFullList<InspectionTemplateRecord>({ filter: byCanteen, sort: 'kind,name' }),
		wasteCollectors: pb.collection('waste_collectors').getFullList<WasteCollectorRecord>({ filter: byCanteen, sort: 'name' })
	});
	const { checks, samples, wasteHandovers, selfInspections, purchases, voids } = day;
	const withPhoto = [...checks, ...samples, ...wasteHandovers, ...selfInspections, ...purchases].filter((record) => record.photo_sha256).map((record) => record.id);
	const [recordPhotos, certificates] = await Promise.all([
		withPhoto.length === 0
			? []
			: pb.collection('evidence_photos').getFullList<EvidencePhotoRecord>({
					filter: withPhoto.map((id, i) => pb.filter(`record_id = {:id${i}}`, { [`id${i}`]: id })).join(' || ')
				}),
		// Health certificates photographed on a kiosk, the newest last so that it wins.
		pb.collection('evidence_photos').getFullList<EvidencePhotoRecord>({ filter: pb.filter(`${byCanteen} && ledger = "staff"`), sort: 'created' })
	]);
	const photos = [...recordPhotos, ...certificates];
	return {
		...day,
		voids: new Map(voids.map((v) => [v.record_id, v])),
		photoUrls: await photoUrls({ pb, photos })
	};
}

/** A change of the fields that decide a person's morning-check verdict, with who made it (server-written). */
export interface StaffChange {
	id: string;
	staff: string;
	by_collection: 'users' | 'devices' | '_superusers';
	by_name: string;
	changes: Record<string, [string | boolean, string | boolean]>;
	created: string;
}

/** The latest such change of each person of the canteen. */
export async function fetchLatestStaffChanges({ pb, canteen }: { pb: PocketBase; canteen: string }): Promise<Record<string, StaffChange>> {
	const page = await pb.collection('staff_changes').getList<StaffChange>(1, 200, { filter: pb.filter('canteen = {:canteen}', { canteen }), sort: '-created' });
	const latest: Record<string, StaffChange> = {};
	for (const change of page.items) latest[change.staff] ??= change;
	return latest;
}

export interface RefusedSubmission {
	id: string;
	ledger: string;
	record_id: string;
	seq: number;
	received_at: string;
	payload: { staff?: string; checked_at?: string; temperature?: number; checked_by?: string };
	reasons: { message: string };
}

export interface EvidencePhotoRecord {
	id: string;
	collectionId: string;
	collectionName: string;
	ledger: string;
	record_id: string;
	photo: string;
}

/** The evidence photos of these records (those that carry one), by record id. */
export async function recordPhotoUrls({ pb, records }: { pb: PocketBase; records: { id: string; photo_sha256?: string }[] }) {
	const withPhoto = records.filter((record) => record.photo_sha256).map((record) => record.id);
	if (withPhoto.length === 0) return {};
	const photos = await pb.collection('evidence_photos').getFullList<EvidencePhotoRecord>({
		filter: withPhoto.map((id, i) => pb.filter(`record_id = {:id${i}}`, { [`id${i}`]: id })).join(' || ')
	});
	return photoUrls({ pb, photos });
}

/** Photos are protected files: their addresses carry a short-lived token of the administrator. */
async function photoUrls({ pb, photos }: { pb: PocketBase; photos: EvidencePhotoRecord[] }) {
	if (photos.length === 0) return {};
	const token = await pb.files.getToken();
	// A signature is wide and short: scaled, not cropped to a square.
	const thumbOf = (photo: EvidencePhotoRecord) => (photo.ledger === 'waste_handovers' ? '480x0' : '240x240');
	return Object.fromEntries(photos.map((photo) => [photo.record_id, pb.files.getURL(photo, photo.photo, { token, thumb: thumbOf(photo) })]));
}

export type LedgerProblem =
	| { kind: 'edited' | 'broken_link' | 'duplicate_seq'; id: string; seq: number; device_name: string; staff_name?: string; checked_at?: string; refused?: boolean }
	| { kind: 'unchained'; id: string; device_name: string; staff_name?: string; checked_at?: string }
	| { kind: 'missing'; from: number; to: number; device_name: string }
	| { kind: 'digest_mismatch'; day: string; sealed: number; now: number };

export interface LedgerReport {
	intact: boolean;
	checked: number;
	devices: number;
	digests: { day: string; records: number; intact: boolean }[];
	problems: LedgerProblem[];
}

/** Re-hashes the canteen's records that arrived between two local dates (server: pb_hooks/lib/chain.js). */
export function verifyLedger({ pb, canteen, from, to }: { pb: PocketBase; canteen: string; from: string; to: string }) {
	return pb.send<LedgerReport>('/api/mingchu/ledger/verify', { query: { canteen, from, to } });
}

/** Switches a lost or stolen tablet off: its sign-in ends at once and it cannot sign in again. */
export function deactivateKiosk({ pb, device }: { pb: PocketBase; device: string }) {
	return pb.send(`/api/mingchu/devices/${encodeURIComponent(device)}/deactivate`, { method: 'POST' });
}

export function createKiosk({ pb, canteen, name }: { pb: PocketBase; canteen: string; name: string }) {
	return pb.send<{ device: DeviceRecord; code: string }>('/api/mingchu/devices', {
		method: 'POST',
		body: { canteen, name }
	});
}

/** Calls `onChange` whenever a morning check of any canteen this administrator may see arrives. */
export function watchMorningChecks({ pb, onChange }: { pb: PocketBase; onChange: () => void }) {
	return watchChanges({ pb, collections: ['morning_checks'], onChange });
}

/** Purchases of the canteen received between two local dates, optionally from one supplier (traceability). */
export function tracePurchases({ pb, canteen, supplier, from, to }: { pb: PocketBase; canteen: string; supplier?: string; from: string; to: string }) {
	const filter = supplier
		? pb.filter('canteen = {:canteen} && supplier = {:supplier} && date >= {:from} && date <= {:to}', { canteen, supplier, from, to })
		: pb.filter('canteen = {:canteen} && date >= {:from} && date <= {:to}', { canteen, from, to });
	return pb.collection('purchases').getFullList<PurchaseRecord>({ filter, sort: '-delivered_at' });
}
