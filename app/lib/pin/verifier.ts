import { pbkdf2Async } from '@noble/hashes/pbkdf2.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { PIN_ROUNDS, parsePinVerifier, pinText } from '$lib/domain';
import { chainHash } from '$lib/db/chain';

/**
 * PBKDF2-SHA256 of pinText(). WebCrypto where the page is a secure context (HTTPS, localhost: ~25 ms);
 * noble's implementation on a kiosk served over plain HTTP, where crypto.subtle does not exist (~6×
 * slower, still under a second, and it yields to the page while it works).
 */
async function derive(text: string, salt: Uint8Array<ArrayBuffer>, rounds: number): Promise<string> {
	const subtle = globalThis.crypto?.subtle;
	if (subtle) {
		const key = await subtle.importKey('raw', new Uint8Array(utf8ToBytes(text)), 'PBKDF2', false, ['deriveBits']);
		const bits = await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: rounds }, key, 256);
		return bytesToHex(new Uint8Array(bits));
	}
	return bytesToHex(await pbkdf2Async(sha256, utf8ToBytes(text), salt, { c: rounds, dkLen: 32 }));
}

/** What an administrator's browser sends when setting a PIN (the PIN itself never leaves it). */
export async function pinVerifier(staffId: string, pin: string): Promise<string> {
	const salt = new Uint8Array(randomBytes(16));
	return `pbkdf2-sha256$${PIN_ROUNDS}$${bytesToHex(salt)}$${await derive(pinText(staffId, pin), salt, PIN_ROUNDS)}`;
}

/** Whether `pin` is this person's, checked on the kiosk without the network. */
export async function pinMatches(staffId: string, pin: string, verifier: string): Promise<boolean> {
	const parsed = parsePinVerifier(verifier);
	if (!parsed) return false;
	if ('legacy' in parsed) return chainHash(pinText(staffId, pin)) === parsed.legacy;
	return (await derive(pinText(staffId, pin), new Uint8Array(hexToBytes(parsed.salt)), parsed.rounds)) === parsed.hash;
}
