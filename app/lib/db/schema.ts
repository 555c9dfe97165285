import Dexie, { type EntityTable } from 'dexie';
import type { LocalDate, MorningCheckAssessment, MorningCheckInput } from '$lib/domain';

/** Where a record stands between this tablet and the server. */
export type SyncState = 'pending' | 'synced' | 'rejected' | 'voided';

export interface ServerRejection {
	message: string;
	/** Field name → server message (already bilingual). */
	fields: Record<string, string>;
	at: string;
}

export interface MorningCheckRecord extends MorningCheckInput, MorningCheckAssessment {
	id: string;
	canteen: string;
	device: string;
	staff_name: string;
	date: LocalDate;
	sync: SyncState;
	rejection?: ServerRejection;
	void_reason?: string;
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
}

export interface CanteenRecord {
	id: string;
	name: string;
	type: string;
	licence_number: string;
	address: string;
	settings: unknown;
}

/** One record waiting to be sent. Sent in `seq` order, so the server sees a device's records in order. */
export interface OutboxEntry {
	seq?: number;
	collection: 'morning_checks';
	record_id: string;
	state: 'pending' | 'rejected';
	queued_at: string;
}

export class KitchenDb extends Dexie {
	morning_checks!: EntityTable<MorningCheckRecord, 'id'>;
	staff!: EntityTable<StaffRecord, 'id'>;
	canteens!: EntityTable<CanteenRecord, 'id'>;
	outbox!: EntityTable<OutboxEntry, 'seq'>;

	constructor(name = 'mingchu') {
		super(name, { chromeTransactionDurability: 'strict' });
		this.version(1).stores({
			morning_checks: 'id, [canteen+date], sync',
			staff: 'id, canteen',
			canteens: 'id',
			// [state+seq] reads the next batch in order without loading the whole queue.
			outbox: '++seq, state, [state+seq], record_id'
		});
	}
}

let instance: KitchenDb | undefined;

/** One database per tablet; tests create their own with `new KitchenDb(name)`. */
export function kitchenDb(): KitchenDb {
	instance ??= new KitchenDb();
	return instance;
}
