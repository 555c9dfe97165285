import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { CHAIN_START, chainText, pinText, type ChainedCollection } from '$lib/domain';

/**
 * SHA-256 of the chain text, synchronously: the hash is computed inside the Dexie transaction that
 * takes the next sequence number, and awaiting WebCrypto there would let IndexedDB commit early.
 */
export function chainHash(text: string): string {
	return bytesToHex(sha256(utf8ToBytes(text)));
}

/** The place after `head` for a record of this kiosk: its number, the link back, and its own hash. */
export function chainLinkAfter(
	head: { seq: number; hash: string } | undefined,
	{ collection, record }: { collection: ChainedCollection; record: { id: string; canteen: string; device: string } & object }
) {
	const link = { seq: (head?.seq ?? 0) + 1, prev_hash: head?.hash ?? CHAIN_START };
	const hash = chainHash(
		chainText({ collection, id: record.id, canteen: record.canteen, device: record.device, link, fields: record as Record<string, unknown> })
	);
	return { ...link, hash };
}

/** The hash a staff member's PIN is kept as (app/lib/domain/staff.ts). */
export function pinHash(staffId: string, pin: string): string {
	return chainHash(pinText(staffId, pin));
}

/** SHA-256 of a photo's bytes (outside any transaction, so WebCrypto's async digest is fine here). */
export async function photoDigest(bytes: ArrayBuffer): Promise<string> {
	return bytesToHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
}
