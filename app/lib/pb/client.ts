import PocketBase, { LocalAuthStore } from 'pocketbase';

/**
 * The kiosk and the administrator keep separate sign-ins (a tablet may also be used to review), so
 * each gets its own storage key. Auto-cancellation is off: the sync loop and a page may ask for the
 * same list at once, and neither may silently lose its answer.
 *
 * Every request gives up after `timeoutMs`: a server that hangs (a stopped process, a full disk, a
 * dead link that never answers) would otherwise hold the sync loop forever. A request given up is
 * "offline" to the app and is sent again; the server's answer to a retry tells whether it had arrived.
 */
export function createPocketBase({ baseUrl, authKey, timeoutMs = 30_000 }: { baseUrl: string; authKey: string; timeoutMs?: number }) {
	const pb = new PocketBase(baseUrl, new LocalAuthStore(authKey));
	pb.autoCancellation(false);
	pb.beforeSend = (url, options) => {
		const timeout = AbortSignal.timeout(timeoutMs);
		options.signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
		return { url, options };
	};
	return pb;
}

export function sameOrigin(): string {
	return typeof location === 'undefined' ? 'http://127.0.0.1:8090' : location.origin;
}
