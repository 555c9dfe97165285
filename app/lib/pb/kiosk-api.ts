import type PocketBase from 'pocketbase';
import type { CanteenRecord, EvidencePhoto, LedgerName, LedgerRecord } from '$lib/db/schema';
import { LEDGER_DEFINITIONS } from '$lib/domain';
import { watchChanges } from './live-changes';

export interface Enrolment {
	device: { id: string; name: string; canteen: string };
	email: string;
	secret: string;
}

export function enrolDevice({ pb, code }: { pb: PocketBase; code: string }): Promise<Enrolment> {
	return pb.send('/api/mingchu/enrol', { method: 'POST', body: { code } });
}

export function signInDevice({ pb, enrolment }: { pb: PocketBase; enrolment: Enrolment }) {
	return pb.collection('devices').authWithPassword(enrolment.email, enrolment.secret);
}

/**
 * Calls `onChange` when the server has news for this kiosk: a check from another tablet of the
 * canteen, or a staff change. The server sends a tablet only its own canteen's.
 */
export async function subscribeToCanteen({ pb, device, onChange }: { pb: PocketBase; device: string; onChange: () => void }) {
	await watchChanges({
		pb,
		collections: ['morning_checks', 'staff'],
		onChange: (change) => {
			if (change.collection === 'staff' || change.device !== device) onChange();
		}
	});
}

export function refreshDevice({ pb }: { pb: PocketBase }) {
	return pb.collection('devices').authRefresh();
}

/** The fields a record is stored with on the server; local bookkeeping stays on the tablet. */
export function recordForServer(record: LedgerRecord) {
	const { sync: _sync, rejection: _rejection, void_reason: _void, corrected_by: _corrected, updated: _updated, late: _late, ...wire } = record;
	if ('photo_id' in wire) delete wire.photo_id;
	return wire;
}

export type PushResult =
	| { id: string; status: 'stored' | 'duplicate'; record: Record<string, unknown> }
	| { id: string; status: 'refused'; error: { message: string; data: Record<string, { code?: string; message?: string }> } };

/** Sends one ledger's records oldest first; the server answers for each one (server/pb_hooks/lib/sync.js). */
export async function pushLedger({ pb, collection, records }: { pb: PocketBase; collection: LedgerName; records: LedgerRecord[] }) {
	const { results } = await pb.send<{ results: PushResult[] }>(`/api/mingchu/sync/${collection}`, {
		method: 'POST',
		// The tablet's clock, so that the server can tell a tablet whose clock is off (补录).
		body: { records: records.map(recordForServer), device_time: new Date().toISOString() }
	});
	// A reply cut off on the way (the server lost power while answering) reads as an empty body: that is
	// no answer for any record, so the batch is sent again, and the retry learns what had arrived.
	if (!Array.isArray(results)) throw new TypeError('incomplete answer from the sync route');
	return results;
}

export function fetchCanteen({ pb, canteen }: { pb: PocketBase; canteen: string }) {
	return pb.collection('canteens').getOne<CanteenRecord>(canteen);
}

/** One page of what changed since a cursor; the caller asks for the next page while pages are full. */
export interface PageRequest {
	since: string;
	page: number;
	perPage: number;
}

function changedSince(pb: PocketBase, filter: string, params: Record<string, string>, { since }: PageRequest) {
	return since ? pb.filter(`${filter} && updated >= {:since}`, { ...params, since }) : pb.filter(filter, params);
}

/** One page of the canteen's shared data (staff, waste collectors) changed since the cursor. */
/** The PIN verifiers of the kiosk's canteen by staff id (a route of its own: the staff records never carry them). */
export async function fetchPinVerifiers({ pb }: { pb: PocketBase }): Promise<Record<string, string>> {
	const { verifiers } = await pb.send<{ verifiers: Record<string, string> }>('/api/mingchu/kiosk/pins', { method: 'GET' });
	return verifiers;
}

export async function fetchSharedPage<R>({ pb, collection, canteen, request }: { pb: PocketBase; collection: string; canteen: string; request: PageRequest }) {
	const list = await pb.collection(collection).getList<R>(request.page, request.perPage, {
		filter: changedSince(pb, 'canteen = {:canteen}', { canteen }, request),
		sort: 'updated,id',
		skipTotal: true
	});
	return list.items;
}

/** PocketBase writes dates as `2026-11-22 08:00:00.000Z`; the tablet keeps ISO instants. */
function isoFromServer(value: string): string {
	return value.replace(' ', 'T');
}

/** Checks of the canteen from `date` on (all tablets'), changed since the cursor. */

/**
 * Uploads one photo under the id the tablet gave it; a retry after a lost reply gets the stored photo
 * back (pb_hooks/photos.pb.js), so a photo is never stored twice.
 */
export function uploadPhoto({
	pb,
	photo,
	bytes
}: {
	pb: PocketBase;
	/** A ledger record's photo, or a staff member's certificate (`ledger` = staff). */
	photo: Pick<EvidencePhoto, 'id' | 'canteen' | 'device' | 'record_id' | 'sha256' | 'type'> & { ledger: string };
	bytes: ArrayBuffer;
}) {
	const form = new FormData();
	form.append('id', photo.id);
	form.append('canteen', photo.canteen);
	form.append('device', photo.device);
	form.append('ledger', photo.ledger);
	form.append('record_id', photo.record_id);
	form.append('sha256', photo.sha256);
	form.append('photo', new Blob([bytes], { type: photo.type }), `${photo.id}.${photo.type.split('/')[1] ?? 'jpg'}`);
	return pb.collection('evidence_photos').create(form);
}

/** Instants PocketBase writes as `2026-11-22 08:00:00.000Z`: the tablet keeps ISO instants. */
function instantsOf(collection: LedgerName): string[] {
	return [...LEDGER_DEFINITIONS[collection].fields.filter(([, kind]) => kind === 'instant').map(([field]) => field), 'entered_at'];
}

/**
 * One page of a ledger's records of the canteen whose `field` is at or after `from` (a local date, or
 * PocketBase datetime text), changed since the cursor. `field` is one of the code's own names.
 */
export async function fetchLedgerPage<R extends LedgerRecord>({
	pb,
	collection,
	canteen,
	field,
	from,
	request
}: {
	pb: PocketBase;
	collection: LedgerName;
	canteen: string;
	field: string;
	from: string;
	request: PageRequest;
}): Promise<R[]> {
	const list = await pb.collection(collection).getList<R>(request.page, request.perPage, {
		filter: changedSince(pb, `canteen = {:canteen} && ${field} >= {:from}`, { canteen, from }, request),
		sort: 'updated,id',
		skipTotal: true
	});
	return list.items.map((record) => {
		const copy: Record<string, unknown> = { ...record };
		for (const instant of instantsOf(collection)) if (typeof copy[instant] === 'string') copy[instant] = isoFromServer(copy[instant]);
		return copy as R;
	});
}
