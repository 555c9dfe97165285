import Dexie, { type EntityTable } from 'dexie';
import {
	CHAIN_START,
	CHAINED_COLLECTIONS,
	type AccompaniedMealInput,
	type AdditiveFinding,
	type AdditiveUseInput,
	type ChainedCollection,
	type InspectionFinding,
	type InspectionTemplate,
	type SelfInspectionInput,
	type ChainLink,
	type ColdFinding,
	type ColdReadingInput,
	type DisinfectionFinding,
	type DisinfectionInput,
	type FoodSampleInput,
	type LateFinding,
	type LocalDate,
	type MealClosureFinding,
	type MealClosureInput,
	type MorningCheckAssessment,
	type MorningCheckInput,
	type PurchaseFinding,
	type PurchaseInput,
	type ReturnClearanceInput,
	type FoodTemperatureFinding,
	type FoodTemperatureInput,
	type Disease,
	type MenuInput,
	type RegisteredAdditive,
	type SampleDisposalInput,
	type Supplier,
	type VoidInput,
	type WasteCollector,
	type WasteFinding,
	type WasteHandoverInput
} from '$lib/domain';
import { chainLinkAfter } from './chain';

/** Where a record stands between this tablet and the server. */
export type SyncState = 'pending' | 'synced' | 'rejected' | 'voided';

export interface ServerRejection {
	message: string;
	/** Field name → server message (already bilingual). */
	fields: Record<string, string>;
	at: string;
}

/** A ledger record's place in its kiosk's hash chain (app/lib/domain/chain.ts). */
export interface Chained extends ChainLink {
	hash: string;
}

/** When a record was written down (tablet clock) and, once the server has it, why it counts as 补录. */
export interface EntryTimes {
	entered_at?: string;
	late?: LateFinding[];
}

export interface MorningCheckRecord extends MorningCheckInput, MorningCheckAssessment, Chained, EntryTimes {
	id: string;
	canteen: string;
	device: string;
	staff_name: string;
	date: LocalDate;
	sync: SyncState;
	rejection?: ServerRejection;
	void_reason?: string;
	/** The record that corrects this refused one. */
	corrected_by?: string;
	/** Set by the server; moves the pull cursor. */
	updated?: string;
	/** SHA-256 of the evidence photo taken with the check (chained with it), and its local id. */
	photo_sha256?: string;
	photo_id?: string;
}

/**
 * A photo taken as evidence, kept here until the server has it. Bytes, not a Blob: every browser
 * stores an ArrayBuffer in IndexedDB, not all of them a Blob reliably.
 */
export interface EvidencePhoto {
	id: string;
	canteen: string;
	device: string;
	ledger: LedgerName;
	record_id: string;
	sha256: string;
	type: string;
	/** Dropped once uploaded: the server keeps the photo, the tablet only what is not sent yet. */
	bytes?: ArrayBuffer;
	size: number;
	state: 'pending' | 'uploaded' | 'rejected';
	rejection?: string;
	queued_at: string;
}

export interface StaffRecord {
	id: string;
	canteen: string;
	name: string;
	role: string;
	food_contact: boolean;
	active: boolean;
	certificate_number: string;
	certificate_issued: string;
	certificate_expires: string;
	/** Rule 13: diseases of the 2016 list on the health record (bar food contact until cleared). */
	health_conditions?: Disease[];
	/** Rules 7–8: set by the server when an illness kept the person from food; cleared by 复岗 (return_clearances). */
	excluded_since?: string;
	/** The PIN's verifier: not in the server's staff records, pulled from the kiosk's own route. */
	pin_hash?: string;
	/** Whether a PIN is set (what administrators see instead of the verifier). */
	has_pin?: boolean;
	/** Bumped by the server at every edit; an edit made on an older version is refused. */
	version?: number;
	updated?: string;
}

export interface CanteenRecord {
	id: string;
	name: string;
	type: string;
	licence_number: string;
	address: string;
	settings: unknown;
	/** Bumped by the server at every settings edit (version rule). */
	settings_version?: number;
	/** 6-digit administrative division code (province → city → county). */
	district?: string;
	organisation?: string;
	responsible_person?: string;
	phone?: string;
	/** The quantified grade (量化分级): A, B, C, or '' before the regulator's first rating. */
	grade?: string;
	licence_expires?: string;
	commitment?: string;
	complaint_phone?: string;
	embed_enabled?: boolean;
}

/** One record waiting to be sent. Sent in `seq` order, so the server sees a device's records in order. */
export interface OutboxEntry {
	seq?: number;
	collection: LedgerName;
	record_id: string;
	state: 'pending' | 'rejected';
	queued_at: string;
}

/** What a ledger record carries on the tablet besides its content. */
export interface LedgerBookkeeping extends Chained, EntryTimes {
	id: string;
	canteen: string;
	device: string;
	sync: SyncState;
	rejection?: ServerRejection;
	void_reason?: string;
	corrected_by?: string;
	updated?: string;
}

/** 留样: one dish of one meal, kept 48 h in the sample fridge (app/lib/domain/food-sample.ts). */
export interface FoodSampleRecord extends FoodSampleInput, LedgerBookkeeping {
	date: LocalDate;
	/** Digest of the photo of the sealed container, if one was taken (chained), and its local id. */
	photo_sha256?: string;
	photo_id?: string;
}

/** A sample thrown away after its time; a separate, append-only record. */
export interface SampleDisposalRecord extends SampleDisposalInput, LedgerBookkeeping {}

/** 清洗消毒: one disinfection run, with the rules' findings (rules 14–17). */
export interface DisinfectionRecord extends DisinfectionInput, LedgerBookkeeping {
	date: LocalDate;
	findings: DisinfectionFinding[];
}

/** A saved record voided with a reason (it stays, marked, everywhere it is shown). */
export interface VoidRecord extends VoidInput, LedgerBookkeeping {}

/** One fridge or freezer reading, with the rules' findings (rules 6, 29). */
export interface ColdReadingRecord extends ColdReadingInput, LedgerBookkeeping {
	date: LocalDate;
	findings: ColdFinding[];
}

/** A licensed waste collector of the canteen (shared data: edited by administrators, versioned). */
export interface WasteCollectorRecord extends WasteCollector {
	id: string;
	canteen: string;
	version?: number;
	updated?: string;
}

/** 餐厨废弃物: one hand-over, signed by the receiver on the tablet (rules 26–28). */
export interface WasteHandoverRecord extends WasteHandoverInput, LedgerBookkeeping {
	date: LocalDate;
	findings: WasteFinding[];
	/** The collector as it was at the hand-over (name, licence) for lists and labels. */
	collector_snapshot: WasteCollector;
	/** Digest of the signature image (chained) and the local id of the image itself. */
	photo_sha256?: string;
	photo_id?: string;
}

/** 食品添加剂: one use of an additive (rules 23–25). */
export interface AdditiveUseRecord extends AdditiveUseInput, LedgerBookkeeping {
	date: LocalDate;
	findings: AdditiveFinding[];
}

/** 陪餐: a leader ate with the students (rule 33). */
export interface AccompaniedMealRecord extends AccompaniedMealInput, LedgerBookkeeping {
	date: LocalDate;
}

/** A self-inspection checklist of the canteen (shared data: edited by administrators, versioned). */
export interface InspectionTemplateRecord extends InspectionTemplate {
	id: string;
	canteen: string;
	version?: number;
	updated?: string;
}

/** 自查: one round through a checklist; failed items carry their corrective action. */
export interface SelfInspectionRecord extends SelfInspectionInput, LedgerBookkeeping {
	date: LocalDate;
	findings: InspectionFinding[];
	/** Digest of the photo of what failed (chained) and the local id of the photo itself. */
	photo_sha256?: string;
	photo_id?: string;
}

/** A meal closed for sampling (rule 4): the dishes served, and why any has no sample. */
export interface MealClosureRecord extends MealClosureInput, LedgerBookkeeping {
	findings: MealClosureFinding[];
}

/** A supplier of the canteen (shared data: edited by administrators, versioned). */
export interface SupplierRecord extends Supplier {
	id: string;
	canteen: string;
	version?: number;
	updated?: string;
}

/** 添加剂备案: an additive the canteen keeps (shared data: edited by administrators, versioned). */
export interface RegisteredAdditiveRecord extends RegisteredAdditive {
	id: string;
	canteen: string;
	version?: number;
	updated?: string;
}

/** 带量食谱: a week's menu of the canteen (shared data: edited by administrators, versioned). */
export interface MenuRecord extends MenuInput {
	id: string;
	canteen: string;
	version?: number;
	updated?: string;
}

/** 进货查验: one delivery as checked at the door (rules 19–22, 24). */
export interface PurchaseRecord extends PurchaseInput, LedgerBookkeeping {
	date: LocalDate;
	findings: PurchaseFinding[];
	supplier_snapshot: Supplier;
	/** Rule 22: kept at least until this day. */
	retain_until: LocalDate;
	/** Digest of the photo of the delivery note or e-ticket (chained), and its local id. */
	photo_sha256?: string;
	photo_id?: string;
}

/** 复岗: a person kept from food for an illness cleared to return (rules 7–8, 13). */
export interface ReturnClearanceRecord extends ReturnClearanceInput, LedgerBookkeeping {
	date: LocalDate;
	staff_name: string;
	/** Digest of the photo of the certificate, if one was taken (chained), and its local id. */
	photo_sha256?: string;
	photo_id?: string;
}

/** 烹饪与保温温度: a dish's core temperature, or its holding temperature (rules 30–31). */
export interface FoodTemperatureRecord extends FoodTemperatureInput, LedgerBookkeeping {
	date: LocalDate;
	findings: FoodTemperatureFinding[];
}

/** The ledgers kept on the tablet and uploaded through /api/mingchu/sync/{ledger}. */
export type LedgerName = ChainedCollection;
export const LEDGERS: readonly LedgerName[] = CHAINED_COLLECTIONS;
/** How each ledger's records look on the tablet. */
export interface LedgerRecords {
	morning_checks: MorningCheckRecord;
	food_samples: FoodSampleRecord;
	sample_disposals: SampleDisposalRecord;
	disinfections: DisinfectionRecord;
	voids: VoidRecord;
	cold_readings: ColdReadingRecord;
	waste_handovers: WasteHandoverRecord;
	additive_uses: AdditiveUseRecord;
	accompanied_meals: AccompaniedMealRecord;
	self_inspections: SelfInspectionRecord;
	meal_closures: MealClosureRecord;
	purchases: PurchaseRecord;
	return_clearances: ReturnClearanceRecord;
	food_temperatures: FoodTemperatureRecord;
}
export type LedgerRecord = LedgerRecords[LedgerName];

/** This kiosk's newest chain place: the next record gets seq + 1 and links to `hash`. */
export interface ChainHead {
	id: 'head';
	seq: number;
	hash: string;
}

/** How far this kiosk has pulled a collection: changes at or after `updated` are fetched next time. */
export interface PullCursor {
	collection: string;
	updated: string;
}

export class KitchenDb extends Dexie {
	morning_checks!: EntityTable<MorningCheckRecord, 'id'>;
	staff!: EntityTable<StaffRecord, 'id'>;
	canteens!: EntityTable<CanteenRecord, 'id'>;
	outbox!: EntityTable<OutboxEntry, 'seq'>;
	chain!: EntityTable<ChainHead, 'id'>;
	cursors!: EntityTable<PullCursor, 'collection'>;
	photos!: EntityTable<EvidencePhoto, 'id'>;
	food_samples!: EntityTable<FoodSampleRecord, 'id'>;
	sample_disposals!: EntityTable<SampleDisposalRecord, 'id'>;
	disinfections!: EntityTable<DisinfectionRecord, 'id'>;
	voids!: EntityTable<VoidRecord, 'id'>;
	cold_readings!: EntityTable<ColdReadingRecord, 'id'>;
	waste_collectors!: EntityTable<WasteCollectorRecord, 'id'>;
	waste_handovers!: EntityTable<WasteHandoverRecord, 'id'>;
	additive_uses!: EntityTable<AdditiveUseRecord, 'id'>;
	accompanied_meals!: EntityTable<AccompaniedMealRecord, 'id'>;
	inspection_templates!: EntityTable<InspectionTemplateRecord, 'id'>;
	self_inspections!: EntityTable<SelfInspectionRecord, 'id'>;
	meal_closures!: EntityTable<MealClosureRecord, 'id'>;
	suppliers!: EntityTable<SupplierRecord, 'id'>;
	purchases!: EntityTable<PurchaseRecord, 'id'>;
	return_clearances!: EntityTable<ReturnClearanceRecord, 'id'>;
	food_temperatures!: EntityTable<FoodTemperatureRecord, 'id'>;
	menus!: EntityTable<MenuRecord, 'id'>;
	additives!: EntityTable<RegisteredAdditiveRecord, 'id'>;

	constructor(name = 'mingchu') {
		super(name, { chromeTransactionDurability: 'strict' });
		this.version(1).stores({
			morning_checks: 'id, [canteen+date], sync',
			staff: 'id, canteen',
			canteens: 'id',
			// [state+seq] reads the next batch in order without loading the whole queue.
			outbox: '++seq, state, [state+seq], record_id'
		});
		// Tamper evidence and incremental pulls. Checks a tablet still holds unsent are chained now, in the
		// order they were saved, so that the server accepts them.
		this.version(2)
			.stores({ chain: 'id', cursors: 'collection' })
			.upgrade(async (tx) => {
				let head: ChainHead = { id: 'head', seq: 0, hash: CHAIN_START };
				const entries = await tx.table<OutboxEntry>('outbox').orderBy('seq').toArray();
				for (const entry of entries) {
					const record = await tx.table<MorningCheckRecord>('morning_checks').get(entry.record_id);
					if (!record) continue;
					const link = chainLinkAfter(head, { collection: 'morning_checks', record });
					await tx.table('morning_checks').put({ ...record, ...link });
					head = { id: 'head', seq: link.seq, hash: link.hash };
				}
				await tx.table('chain').put(head);
			});
		this.version(3).stores({ photos: 'id, state, [state+queued_at]' });
		this.version(4).stores({ food_samples: 'id, [canteen+date], sync, taken_at', sample_disposals: 'id, sample, sync' });
		this.version(5).stores({ disinfections: 'id, [canteen+date], sync' });
		this.version(6).stores({ voids: 'id, record_id, sync' });
		this.version(7).stores({ cold_readings: 'id, [canteen+date], sync' });
		this.version(8).stores({ waste_collectors: 'id, canteen', waste_handovers: 'id, [canteen+date], sync' });
		this.version(9).stores({ additive_uses: 'id, [canteen+date], sync', accompanied_meals: 'id, [canteen+date], sync' });
		this.version(10).stores({ inspection_templates: 'id, canteen', self_inspections: 'id, [canteen+date], sync' });
		this.version(11).stores({ meal_closures: 'id, [canteen+date], sync' });
		this.version(12).stores({ suppliers: 'id, canteen', purchases: 'id, [canteen+date], sync, supplier' });
		this.version(13).stores({ return_clearances: 'id, [canteen+date], sync, staff' });
		this.version(14).stores({ food_temperatures: 'id, [canteen+date], sync' });
		this.version(15).stores({ menus: 'id, [canteen+week_start]' });
		this.version(16).stores({ additives: 'id, canteen' });
		// Who is out until cleared reads only the checks that kept someone from food (few), not the day's.
		this.version(17).stores({ morning_checks: 'id, [canteen+date], sync, outcome' });
	}
}

let instance: KitchenDb | undefined;

/** One database per tablet; tests create their own with `new KitchenDb(name)`. */
export function kitchenDb(): KitchenDb {
	instance ??= new KitchenDb();
	return instance;
}
