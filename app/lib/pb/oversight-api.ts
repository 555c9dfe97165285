import type PocketBase from 'pocketbase';
import type { AlertCard, AlertGrade, AlertSource, AlertState, AlertSummary, CellState, GridLedger, LedgerCell } from '$lib/domain';
import { watchChanges } from './live-changes';

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
	'staff_out',
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
	/** Ledger-days owed and kept across the canteens, day by day (the trend). */
	daily: { date: string; owed: number; kept: number }[];
}

export function fetchGrid({ pb, from, to, district }: { pb: PocketBase; from: string; to: string; district?: string }) {
	return pb.send<GridAnswer>('/api/mingchu/oversight/grid', { query: { from, to, ...(district ? { district } : {}) } });
}

export interface AlertRecord {
	id: string;
	canteen: string;
	kind: string;
	grade: AlertGrade;
	source: AlertSource;
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

/** A complaint from the public (the alert names only its category; the words are here, for those who may read them). */
export interface ComplaintRecord {
	id: string;
	collectionId: string;
	collectionName: string;
	category: string;
	text: string;
	phone: string;
	photo: string;
	reply: string;
	reply_public: boolean;
	created: string;
}

export function fetchComplaints({ pb, ids }: { pb: PocketBase; ids: string[] }) {
	if (ids.length === 0) return Promise.resolve([] as ComplaintRecord[]);
	const filter = ids.map((id, i) => pb.filter(`id = {:c${i}}`, { [`c${i}`]: id })).join(' || ');
	return pb.collection('complaints').getFullList<ComplaintRecord>({ filter });
}

/** `publish`: a complaint's answer is also shown on the canteen's public page. */
export function answerAlert({ pb, alert, note, doneBy, photo, publish = false }: { pb: PocketBase; alert: string; note: string; doneBy: string; photo: Blob | null; publish?: boolean }) {
	const form = new FormData();
	form.append('note', note);
	form.append('done_by', doneBy);
	if (publish) form.append('public', 'true');
	if (photo) form.append('photo', photo, 'rectification.jpg');
	return pb.send(`/api/mingchu/alerts/${alert}/answer`, { method: 'POST', body: form });
}

export function reviewAlert({ pb, alert, decision, note }: { pb: PocketBase; alert: string; decision: 'accept' | 'reopen'; note: string }) {
	return pb.send(`/api/mingchu/alerts/${alert}/review`, { method: 'POST', body: { decision, note } });
}

export function watchAlerts({ pb, onChange }: { pb: PocketBase; onChange: () => void }) {
	return watchChanges({ pb, collections: ['alerts'], onChange });
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

export interface InspectionRecord {
	id: string;
	collectionId: string;
	collectionName: string;
	canteen: string;
	inspector_name: string;
	kind: 'onsite' | 'remote';
	state: 'open' | 'finished';
	started_at: string;
	finished_at: string;
	items: { item: string; ok: boolean; note: string }[] | null;
	findings: string;
	result: 'pass' | 'rectify' | 'fail' | '';
	rectifications: { item: string; due_on: string }[] | null;
	photos: string[];
	inspector: string;
}

export function fetchInspections({ pb, canteen }: { pb: PocketBase; canteen: string }) {
	return pb.collection('inspections').getFullList<InspectionRecord>({ filter: pb.filter('canteen = {:canteen}', { canteen }), sort: '-started_at' });
}

export function openInspection({ pb, canteen, kind }: { pb: PocketBase; canteen: string; kind: 'onsite' | 'remote' }) {
	return pb.send<{ id: string }>('/api/mingchu/inspections', { method: 'POST', body: { canteen, kind } });
}

export interface InspectionStaff {
	today: string;
	staff: { name: string; role: string; food_contact: boolean; certificate_expires: string }[];
	checks: { name: string; outcome: string; reasons: string[] }[];
}

export function fetchInspectionStaff({ pb, inspection }: { pb: PocketBase; inspection: string }) {
	return pb.send<InspectionStaff>(`/api/mingchu/inspections/${inspection}/staff`, {});
}

export interface InspectionResult {
	items: { item: string; ok: boolean; note: string }[];
	findings: string;
	result: 'pass' | 'rectify' | 'fail' | '';
	rectifications: { item: string; due_on: string }[];
	photos: File[];
}

export function finishInspection({ pb, inspection, input }: { pb: PocketBase; inspection: string; input: InspectionResult }) {
	const form = new FormData();
	form.append('items', JSON.stringify(input.items));
	form.append('findings', input.findings);
	form.append('result', input.result);
	form.append('rectifications', JSON.stringify(input.rectifications));
	for (const photo of input.photos) form.append('photos', photo, photo.name);
	return pb.send(`/api/mingchu/inspections/${inspection}/finish`, { method: 'POST', body: form });
}

export interface InspectorLinkRecord {
	id: string;
	label: string;
	from: string;
	to: string;
	expires_at: string;
	revoked: boolean;
	uses: number;
	created_by_name: string;
}

export interface AccessLogEntry {
	id: string;
	actor_kind: 'regulator' | 'inspector_link';
	actor_name: string;
	action: string;
	at: string;
}

export function fetchInspectorLinks({ pb, canteen }: { pb: PocketBase; canteen: string }) {
	return Promise.all([
		pb.collection('inspector_links').getFullList<InspectorLinkRecord>({ filter: pb.filter('canteen = {:canteen}', { canteen }), sort: '-created' }),
		pb.collection('access_log').getList<AccessLogEntry>(1, 50, { filter: pb.filter('canteen = {:canteen}', { canteen }), sort: '-at' }).then((page) => page.items)
	]);
}

export function createInspectorLink({ pb, canteen, from, to, days, label }: { pb: PocketBase; canteen: string; from: string; to: string; days: number; label: string }) {
	return pb.send<{ id: string; token: string }>('/api/mingchu/inspector-links', { method: 'POST', body: { canteen, from, to, days, label } });
}

export function revokeInspectorLink({ pb, link }: { pb: PocketBase; link: string }) {
	return pb.send(`/api/mingchu/inspector-links/${link}/revoke`, { method: 'POST' });
}

export interface WebhookRecord {
	id: string;
	label: string;
	url_hint: string;
	max_grade: number;
	active: boolean;
}

export interface WebhookDelivery {
	id: string;
	webhook: string;
	event: string;
	status: 'pending' | 'sent' | 'dead';
	attempts: number;
	last_error: string;
	updated: string;
	expand?: { alert?: { kind: string } };
}

export function fetchWebhooks({ pb, canteen }: { pb: PocketBase; canteen: string }) {
	return Promise.all([
		pb.collection('webhooks').getFullList<WebhookRecord>({ filter: pb.filter('canteen = {:canteen}', { canteen }), sort: '-created' }),
		pb.collection('webhook_deliveries').getList<WebhookDelivery>(1, 20, { filter: pb.filter('canteen = {:canteen}', { canteen }), sort: '-updated', expand: 'alert' }).then((page) => page.items)
	]);
}

export function createWebhook({ pb, canteen, url, label, maxGrade }: { pb: PocketBase; canteen: string; url: string; label: string; maxGrade: number }) {
	return pb.send('/api/mingchu/webhooks', { method: 'POST', body: { canteen, url, label, max_grade: maxGrade } });
}

export function deactivateWebhook({ pb, webhook }: { pb: PocketBase; webhook: string }) {
	return pb.send(`/api/mingchu/webhooks/${webhook}/deactivate`, { method: 'POST' });
}
