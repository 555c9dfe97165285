import { ClientResponseError } from 'pocketbase';
import { fromStatus, type ApiProblem, type ErrorBody } from './problems';

export type { ApiProblem } from './problems';

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
