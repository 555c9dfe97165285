import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { chainHash } from '$lib/db/chain';
import { PIN_ROUNDS, pinText } from '$lib/domain';
import { LOCK_MS, MAX_TRIES, clearWrongPins, lockedUntil, recordWrongPin } from './lock';
import { pinMatches, pinVerifier } from './verifier';

describe('PIN verifiers', () => {
	it('are slow and salted: the same PIN of the same person gives a different verifier each time', async () => {
		const first = await pinVerifier('staff0000000001', '2580');
		const second = await pinVerifier('staff0000000001', '2580');
		expect(first).toMatch(new RegExp(`^pbkdf2-sha256\\$${PIN_ROUNDS}\\$[0-9a-f]{32}\\$[0-9a-f]{64}$`));
		expect(first).not.toBe(second);
		expect(await pinMatches('staff0000000001', '2580', first)).toBe(true);
		expect(await pinMatches('staff0000000001', '2580', second)).toBe(true);
		expect(await pinMatches('staff0000000001', '2581', first)).toBe(false);
		// Tied to the person: another person's verifier does not open this name.
		expect(await pinMatches('staff0000000002', '2580', first)).toBe(false);
	});

	it('still open a name whose PIN was set before (plain SHA-256) until the administrator sets a new one', async () => {
		const legacy = chainHash(pinText('staff0000000001', '1234'));
		expect(await pinMatches('staff0000000001', '1234', legacy)).toBe(true);
		expect(await pinMatches('staff0000000001', '4321', legacy)).toBe(false);
		expect(await pinMatches('staff0000000001', '1234', 'garbage')).toBe(false);
	});
});

describe('wrong PINs', () => {
	it(`lock a name after ${MAX_TRIES} in a row, for ${LOCK_MS / 60_000} minutes, and again at the next wrong one`, async () => {
		const now = Date.parse('2026-11-30T08:00:00Z');
		for (let i = 1; i < MAX_TRIES; i++) expect(await recordWrongPin('cook0000000001', now)).toEqual({ lockedUntil: 0, triesLeft: MAX_TRIES - i });
		expect(await lockedUntil('cook0000000001', now)).toBe(0);
		expect(await recordWrongPin('cook0000000001', now)).toEqual({ lockedUntil: now + LOCK_MS, triesLeft: 0 });
		expect(await lockedUntil('cook0000000001', now + LOCK_MS - 1)).toBe(now + LOCK_MS);
		// Another person is not locked with them.
		expect(await lockedUntil('cook0000000002', now)).toBe(0);
		// After the lock, one more wrong PIN locks again at once.
		expect(await lockedUntil('cook0000000001', now + LOCK_MS)).toBe(0);
		expect((await recordWrongPin('cook0000000001', now + LOCK_MS)).lockedUntil).toBe(now + 2 * LOCK_MS);
		// The right PIN clears the count.
		await clearWrongPins('cook0000000001');
		expect(await recordWrongPin('cook0000000001', now)).toEqual({ lockedUntil: 0, triesLeft: MAX_TRIES - 1 });
	});
});
