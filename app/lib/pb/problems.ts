// API failures in the terms the UI reacts to, without the PocketBase SDK (the public page, which must
// stay small on a phone, calls the API with fetch and reads its errors here too).

/** Every API failure the app handles, in the terms the UI reacts to. */
export type ApiProblem =
	| { kind: 'offline' }
	| { kind: 'auth'; message: string }
	| { kind: 'forbidden'; message: string }
	| { kind: 'rejected'; message: string; fields: Record<string, string> }
	| { kind: 'server'; message: string };

export interface ErrorBody {
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

export function fromStatus(status: number, body: ErrorBody): ApiProblem {
	const message = body.message ?? '';
	if (status === 0) return { kind: 'offline' };
	if (status === 401) return { kind: 'auth', message };
	if (status === 403) return { kind: 'forbidden', message };
	// Too many requests (the server's rate limits) or not yet: nothing wrong with what was sent, so a
	// record or photo is tried again later instead of being set aside as refused.
	if (status >= 500 || status === 429 || status === 425) return { kind: 'server', message };
	return { kind: 'rejected', message, fields: fieldMessages(body.data) };
}

