import type PocketBase from 'pocketbase';
import type { SafetyIndex, SafetyIndexInputs } from '$lib/domain/public-face';
import { fromStatus, type ApiProblem } from './problems';

export interface PublicSample {
	id: string;
	dish: string;
	photo: boolean;
}

export interface PublicDelivery {
	supplier: string;
	categories: string[];
	documents: number;
}

/** One day of a canteen's records as the public sees them: counts and things, never people. */
export interface PublicDay {
	date: string;
	morning_checks: { checked: number; excluded: number };
	samples: Partial<Record<'breakfast' | 'lunch' | 'dinner' | 'other', PublicSample[]>>;
	disinfections: number;
	waste_handovers: number;
	cold_readings: { readings: number; in_range: number };
	deliveries: PublicDelivery[];
	/** The day's ledger seal (short), once the day is over and sealed. */
	seal: string | null;
}

export interface PublicCamera {
	id: string;
	name: string;
	area: string;
	path: string;
	online: boolean;
}

/** What anyone may see of a canteen (server: pb_hooks/lib/public.js), without personal data. */
export interface PublicCanteen {
	id: string;
	name: string;
	type: string;
	address: string;
	licence_number: string;
	licence_expires: string;
	grade: string;
	commitment: string;
	responsible_person: string;
	complaint_phone: string;
	embed_enabled: boolean;
	today: string;
	ledgers: { morning_checks: { done: number; expected: number } };
	days: PublicDay[];
	self_inspection: { date: string; findings: number } | null;
	inspection: { date: string; result: 'pass' | 'rectify' | 'fail' | null } | null;
	menu: { week_start: string; days: Record<string, Partial<Record<string, { name: string; grams: number | null }[]>>> } | null;
	index: SafetyIndex & { inputs: SafetyIndexInputs };
	ratings: { count: number; taste: number | null; hygiene: number | null; service: number | null };
	replies: { id: string; category: string; date: string; reply: string; replied_at: string }[];
	cameras: PublicCamera[];
	video: { webrtc: number; hls: number; playback: number } | null;
}

/** A refused public request: the problem, and the server's reason codes by field. */
export class PublicRequestError extends Error {
	constructor(
		readonly problem: ApiProblem,
		readonly codes: Record<string, string>,
		readonly status = 0
	) {
		super(problem.kind);
	}
}

// The public page calls the API with fetch, not the PocketBase SDK: a parent's phone loads less.
async function call<T>(path: string, init?: RequestInit): Promise<T> {
	let response: Response;
	try {
		response = await fetch(path, { ...init, headers: { accept: 'application/json', ...init?.headers } });
	} catch {
		throw new PublicRequestError({ kind: 'offline' }, {});
	}
	const body = await response.json().catch(() => ({}));
	if (response.ok) return body as T;
	const codes: Record<string, string> = {};
	for (const [field, value] of Object.entries((body?.data ?? {}) as Record<string, { code?: string }>)) if (value?.code) codes[field] = value.code;
	throw new PublicRequestError(fromStatus(response.status, body), codes, response.status);
}

const canteenPath = (canteen: string) => `/api/mingchu/public/canteens/${encodeURIComponent(canteen)}`;

let early: { canteen: string; answer: Promise<PublicCanteen> } | undefined;

/**
 * Asks for a public page's data as the app starts (app/hooks.client.ts), while the router still loads
 * the page's code: on 3G that is one round trip (300 ms) less before the day shows (bench/public).
 */
export function fetchPublicCanteenEarly(pathname: string) {
	const canteen = /^\/(?:p|embed)\/([a-z0-9]{15})\/?$/.exec(pathname)?.[1];
	if (!canteen) return;
	early = { canteen, answer: call<PublicCanteen>(canteenPath(canteen)) };
	// Read by the page, or never: either way no unhandled rejection.
	early.answer.catch(() => undefined);
}

export function fetchPublicCanteen({ canteen }: { canteen: string }) {
	if (early?.canteen === canteen) {
		const { answer } = early;
		early = undefined;
		return answer;
	}
	return call<PublicCanteen>(canteenPath(canteen));
}

export const samplePhotoUrl = (canteen: string, sample: string) => `${canteenPath(canteen)}/samples/${encodeURIComponent(sample)}/photo`;

export function fetchFormToken({ canteen }: { canteen: string }) {
	return call<{ token: string; wait_seconds: number }>(`${canteenPath(canteen)}/form`);
}

export interface FeedbackSender {
	token: string;
	/** A random id this phone keeps (limits per phone). */
	device: string;
	/** The hidden field a person never fills in. */
	website: string;
}

export function sendRating({ canteen, sender, rating }: { canteen: string; sender: FeedbackSender; rating: { taste: number; hygiene: number; service: number; comment: string } }) {
	return call<{ ok: true }>(`${canteenPath(canteen)}/ratings`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ ...sender, ...rating })
	});
}

export function sendComplaint({ canteen, sender, complaint }: { canteen: string; sender: FeedbackSender; complaint: { category: string; text: string; phone: string; photo: Blob | null } }) {
	const form = new FormData();
	for (const [key, value] of Object.entries(sender)) form.set(key, value);
	form.set('category', complaint.category);
	form.set('text', complaint.text);
	form.set('phone', complaint.phone);
	if (complaint.photo) form.set('photo', complaint.photo, 'photo.jpg');
	return call<{ ok: true; id: string }>(`${canteenPath(canteen)}/complaints`, { method: 'POST', body: form });
}

/** What an inspector link shows (server: pb_hooks/lib/inspector-links.js): ledgers without health data. */
export interface InspectorView {
	canteen: { name: string; type: string; licence_number: string; address: string; settings: unknown };
	from: string;
	to: string;
	expires_at: string;
	ledgers: Record<string, { id: string }[]>;
	voids: { record_id: string; reason: string; voided_by: string }[];
	morning_checks: { date: string; checked: number; excluded: number }[];
}

export function fetchInspectorView({ pb, token }: { pb: PocketBase; token: string }) {
	return pb.send<InspectorView>(`/api/mingchu/inspect/${encodeURIComponent(token)}`, {});
}
