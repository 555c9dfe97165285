import PocketBase, { LocalAuthStore } from 'pocketbase';

/**
 * The kiosk and the administrator keep separate sign-ins (a tablet may also be used to review), so
 * each gets its own storage key. Auto-cancellation is off: the sync loop and a page may ask for the
 * same list at once, and neither may silently lose its answer.
 */
export function createPocketBase({ baseUrl, authKey }: { baseUrl: string; authKey: string }) {
	const pb = new PocketBase(baseUrl, new LocalAuthStore(authKey));
	pb.autoCancellation(false);
	return pb;
}

export function sameOrigin(): string {
	return typeof location === 'undefined' ? 'http://127.0.0.1:8090' : location.origin;
}
