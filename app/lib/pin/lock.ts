import { createStore, get, set, del, type UseStore } from 'idb-keyval';

/**
 * Wrong PINs on the kiosk: after MAX_TRIES in a row a name is locked for LOCK_MS, and each further
 * wrong PIN after a lock locks it again. Kept in IndexedDB, so reloading the page does not reset it.
 */
export const MAX_TRIES = 5;
export const LOCK_MS = 5 * 60_000;

interface PinFailures {
	tries: number;
	lockedUntil: number;
}

let store: UseStore | undefined;
const pinStore = () => (store ??= createStore('mingchu-pin-locks', 'locks'));

/** Until when this person's name is locked (0 when it is not). */
export async function lockedUntil(staffId: string, now = Date.now()): Promise<number> {
	const failures = await get<PinFailures>(staffId, pinStore());
	return failures && failures.lockedUntil > now ? failures.lockedUntil : 0;
}

/** Counts a wrong PIN; returns until when the name is now locked (0 while tries remain) and how many remain. */
export async function recordWrongPin(staffId: string, now = Date.now()): Promise<{ lockedUntil: number; triesLeft: number }> {
	const before = (await get<PinFailures>(staffId, pinStore())) ?? { tries: 0, lockedUntil: 0 };
	const tries = before.tries + 1;
	const locked = tries >= MAX_TRIES ? now + LOCK_MS : 0;
	await set(staffId, { tries, lockedUntil: locked } satisfies PinFailures, pinStore());
	return { lockedUntil: locked, triesLeft: Math.max(0, MAX_TRIES - tries) };
}

export async function clearWrongPins(staffId: string): Promise<void> {
	await del(staffId, pinStore());
}
