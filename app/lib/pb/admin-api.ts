import type PocketBase from 'pocketbase';
import type { StaffInput } from '$lib/domain';
import type { CanteenRecord, MorningCheckRecord, StaffRecord } from '$lib/db/schema';

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

export async function fetchCanteenDay({ pb, canteen, date }: { pb: PocketBase; canteen: string; date: string }) {
	const byCanteen = pb.filter('canteen = {:canteen}', { canteen });
	const [checks, staff, devices] = await Promise.all([
		pb.collection('morning_checks').getFullList<MorningCheckRecord>({
			filter: pb.filter('canteen = {:canteen} && date = {:date}', { canteen, date }),
			sort: 'checked_at'
		}),
		pb.collection('staff').getFullList<StaffRecord>({ filter: byCanteen, sort: 'name' }),
		pb.collection('devices').getFullList<DeviceRecord>({ filter: byCanteen, sort: 'created' })
	]);
	return { checks, staff, devices };
}

export function saveStaff({ pb, canteen, id, staff }: { pb: PocketBase; canteen: string; id?: string; staff: StaffInput }) {
	return id
		? pb.collection('staff').update<StaffRecord>(id, staff)
		: pb.collection('staff').create<StaffRecord>({ ...staff, canteen });
}

export function createKiosk({ pb, canteen, name }: { pb: PocketBase; canteen: string; name: string }) {
	return pb.send<{ device: DeviceRecord; code: string }>('/api/mingchu/devices', {
		method: 'POST',
		body: { canteen, name }
	});
}

/** Calls `onChange` whenever a morning check of any canteen this administrator may see arrives. */
export function watchMorningChecks({ pb, onChange }: { pb: PocketBase; onChange: () => void }) {
	return pb.collection('morning_checks').subscribe('*', onChange);
}
