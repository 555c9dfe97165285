import { ClientResponseError } from 'pocketbase';

/** Every API failure the app handles, in the terms the UI reacts to. */
export type ApiProblem =
	| { kind: 'offline' }
	| { kind: 'auth'; message: string }
	| { kind: 'forbidden'; message: string }
	| { kind: 'rejected'; message: string; fields: Record<string, string> }
	| { kind: 'server'; message: string };

interface ErrorBody {
	status?: number;
	message?: string;
	data?: Record<string, { code?: string; message?: string } | unknown>;
}

function fieldMessages(data: ErrorBody['data']): Record<string, string> {
	const fields: Record<string, string> = {};
	for (const [field, value] of Object.entries(data ?? {})) {
		if (value && typeof value === 'object' && 'message' in value && typeof value.message === 'string') {
			fields[field] = value.message;
		}
	}
	return fields;
}

function fromStatus(status: number, body: ErrorBody): ApiProblem {
	const message = body.message ?? '';
	if (status === 0) return { kind: 'offline' };
	if (status === 401) return { kind: 'auth', message };
	if (status === 403) return { kind: 'forbidden', message };
	// Too many requests (the server's rate limits) or not yet: nothing wrong with what was sent, so a
	// record or photo is tried again later instead of being set aside as refused.
	if (status >= 500 || status === 429 || status === 425) return { kind: 'server', message };
	return { kind: 'rejected', message, fields: fieldMessages(body.data) };
}

/** The one place where a thrown API error becomes something the app can act on. */
export function classifyApiError(error: unknown): ApiProblem {
	if (error instanceof ClientResponseError) return fromStatus(error.status, error.response as ErrorBody);
	if (error instanceof TypeError) return { kind: 'offline' };
	return { kind: 'server', message: error instanceof Error ? error.message : String(error) };
}

/**
 * What a form of shared data shows when its save did not go through: the server's reasons by field
 * (`version` when someone saved in between), or `request` naming why the server was not reached.
 */
export function sharedSaveErrors(problem: ApiProblem): Record<string, string> {
	if (problem.kind === 'rejected') return problem.fields;
	return { request: problem.kind === 'offline' ? 'shared_offline' : problem.kind };
}
