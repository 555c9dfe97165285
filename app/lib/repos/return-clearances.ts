import { liveQuery } from 'dexie';
import { addDaysTo, isOut, outSince, type LocalDate, type ReturnClearanceInput, type StaffForCheck } from '$lib/domain';
import { staffForCheck } from '$lib/db/staff';
import type { KitchenDb, MorningCheckRecord, ReturnClearanceRecord, StaffRecord } from '$lib/db/schema';
import { recordEntry, type Photo, type SaveContext } from './ledger';

/**
 * How far back a tablet looks at its own checks and clearances the server may not have reflected yet:
 * a tablet offline longer than this has bigger problems, and the server's word covers the rest.
 */
const LOCAL_WINDOW_DAYS = 14;

interface LocalEvents {
	checks: MorningCheckRecord[];
	clearances: ReturnClearanceRecord[];
}

async function localEvents({ db, canteen, today }: { db: KitchenDb; canteen: string; today: LocalDate }): Promise<LocalEvents> {
	const from = addDaysTo(today, -LOCAL_WINDOW_DAYS);
	const [checks, clearances, voids] = await Promise.all([
		// Only a check that kept someone from food can put them out: read those, not every check.
		db.morning_checks
			.where('outcome')
			.equals('excluded')
			.filter((check) => check.canteen === canteen && check.date >= from)
			.toArray(),
		db.return_clearances.where('[canteen+date]').between([canteen, from], [canteen, '\uffff']).toArray(),
		db.voids.filter((v) => v.ledger === 'morning_checks').toArray()
	]);
	const voided = new Set(voids.map((v) => v.record_id));
	return {
		checks: checks.filter((check) => check.sync !== 'voided' && check.sync !== 'rejected' && !voided.has(check.id)),
		clearances: clearances.filter((clearance) => clearance.sync !== 'rejected')
	};
}

/** What the server last said of a person, moved on by what this tablet saved since. */
function knownWith(staff: StaffRecord, { checks, clearances }: LocalEvents): StaffForCheck {
	const known = staffForCheck(staff);
	return {
		...known,
		excluded_since: outSince({
			since: known.excluded_since ?? '',
			events: [
				...checks.filter((check) => check.staff === staff.id).map((check) => ({ kind: 'check' as const, at: check.checked_at, findings: check.findings })),
				...clearances.filter((clearance) => clearance.staff === staff.id).map((clearance) => ({ kind: 'clearance' as const, at: clearance.cleared_at }))
			]
		})
	};
}

/**
 * A person as the rules see them on this tablet: a cook excluded this morning is still out at the next
 * check, offline, without waiting for the server to say so.
 */
export async function staffKnownHere({ db, staff, today }: { db: KitchenDb; staff: StaffRecord; today: LocalDate }): Promise<StaffForCheck> {
	return knownWith(staff, await localEvents({ db, canteen: staff.canteen, today }));
}

/** The canteen's people who are out until cleared, as this tablet knows it (id → since; '' for a listed disease). */
export function watchStaffOut({ db, canteen, staff, today }: { db: KitchenDb; canteen: string; staff: StaffRecord[]; today: LocalDate }) {
	return liveQuery(async () => {
		const events = await localEvents({ db, canteen, today });
		const out = new Map<string, string>();
		for (const person of staff) {
			const known = knownWith(person, events);
			if (isOut(known)) out.set(person.id, known.excluded_since ?? '');
		}
		return out;
	});
}

/** 复岗: the person may handle food again; refused when they are not out, or without the basis. */
export function recordReturnClearance({ input, staff, photo, ...context }: SaveContext & { input: ReturnClearanceInput; staff: StaffForCheck; photo?: Photo }) {
	return recordEntry('return_clearances', { context, input, refs: { staff }, photo });
}
