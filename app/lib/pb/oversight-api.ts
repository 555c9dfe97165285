import type PocketBase from 'pocketbase';
import type { AlertCard, AlertGrade, AlertState, AlertSummary, CellState, GridLedger, LedgerCell } from '$lib/domain';

/** One canteen's row of the grid: counts only, never names (the server leaves them out). */
export interface GridRow {
	id: string;
	name: string;
	type: string;
	district: string;
	today: string;
	ledgers: Record<GridLedger, LedgerCell & { state: CellState }>;
	completeness: number | null;
	exceptions: Record<GridException, number>;
}

export const GRID_EXCEPTIONS = [
	'excluded',
	'certificates_expired',
	'certificates_expiring',
	'cold_out_of_range',
	'disinfection',
	'overrides',
	'voids',
	'refused',
	'cameras_offline',
	'open_alerts',
	'yellow_cards',
	'red_cards'
] as const;
export type GridException = (typeof GRID_EXCEPTIONS)[number];

export interface GridAnswer {
	from: string;
	to: string;
	days: number;
	ledgers: GridLedger[];
	canteens: GridRow[];
}

export function fetchGrid({ pb, from, to, district }: { pb: PocketBase; from: string; to: string; district?: string }) {
	return pb.send<GridAnswer>('/api/mingchu/oversight/grid', { query: { from, to, ...(district ? { district } : {}) } });
}

export interface AlertRecord {
	id: string;
	canteen: string;
	kind: string;
	grade: AlertGrade;
	source: 'ledger' | 'camera' | 'ai' | 'sensor' | 'inspection';
	record_collection: string;
	record_id: string;
	summary: AlertSummary | null;
	raised_at: string;
	due_at: string;
	state: AlertState;
	card: AlertCard;
	camera: string;
	snapshot: string;
	expand?: { canteen?: { id: string; name: string } };
}

export interface AlertStep {
	id: string;
	alert: string;
	action: 'raised' | 'answered' | 'accepted' | 'reopened' | 'yellow_card' | 'red_card';
	by_name: string;
	note: string;
	done_by: string;
	photo: string;
	at: string;
}

/** Alerts of the canteens in sight, newest first; `open` leaves out the accepted ones. */
export function fetchAlerts({ pb, open }: { pb: PocketBase; open: boolean }) {
	return pb.collection('alerts').getList<AlertRecord>(1, 200, { filter: open ? 'state != "closed"' : '', sort: '-raised_at', expand: 'canteen' }).then((page) => page.items);
}

export function fetchAlertSteps({ pb, alerts }: { pb: PocketBase; alerts: string[] }) {
	if (alerts.length === 0) return Promise.resolve([] as AlertStep[]);
	const filter = alerts.map((id, i) => pb.filter(`alert = {:a${i}}`, { [`a${i}`]: id })).join(' || ');
	return pb.collection('alert_steps').getFullList<AlertStep>({ filter, sort: 'at,created' });
}

export function answerAlert({ pb, alert, note, doneBy, photo }: { pb: PocketBase; alert: string; note: string; doneBy: string; photo: Blob | null }) {
	const form = new FormData();
	form.append('note', note);
	form.append('done_by', doneBy);
	if (photo) form.append('photo', photo, 'rectification.jpg');
	return pb.send(`/api/mingchu/alerts/${alert}/answer`, { method: 'POST', body: form });
}

export function reviewAlert({ pb, alert, decision, note }: { pb: PocketBase; alert: string; decision: 'accept' | 'reopen'; note: string }) {
	return pb.send(`/api/mingchu/alerts/${alert}/review`, { method: 'POST', body: { decision, note } });
}

export function watchAlerts({ pb, onChange }: { pb: PocketBase; onChange: () => void }) {
	return pb.collection('alerts').subscribe('*', onChange);
}

export interface EventDeviceRecord {
	id: string;
	canteen: string;
	name: string;
	kind: 'ai_camera' | 'sensor_gateway';
	token_hint: string;
	active: boolean;
	camera: string;
	last_seen_at: string;
	accepted: number;
	refused: number;
}

export function fetchEventDevices({ pb, canteen }: { pb: PocketBase; canteen: string }) {
	return pb.collection('event_devices').getFullList<EventDeviceRecord>({ filter: pb.filter('canteen = {:canteen}', { canteen }), sort: '-active,name' });
}

/** Makes a device and returns its token, which the server shows this once. */
export function createEventDevice({ pb, canteen, name, kind, camera }: { pb: PocketBase; canteen: string; name: string; kind: EventDeviceRecord['kind']; camera: string }) {
	return pb.send<{ device: { id: string; name: string }; token: string }>('/api/mingchu/event-devices', { method: 'POST', body: { canteen, name, kind, ...(camera ? { camera } : {}) } });
}

export function revokeEventDevice({ pb, device }: { pb: PocketBase; device: string }) {
	return pb.send(`/api/mingchu/event-devices/${device}/revoke`, { method: 'POST' });
}
