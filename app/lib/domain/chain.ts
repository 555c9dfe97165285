// Tamper evidence. Every record a kiosk saves gets the next number of that kiosk's sequence and the
// SHA-256 of its content chained to the kiosk's previous record. The kiosk computes the hash when it
// saves (offline); the server recomputes it on arrival and when an administrator verifies a ledger.
// Both sides must therefore build exactly the same text from a record: that text is defined here,
// once, and the hash function is supplied by each side (the tablet hashes in JS, the server in Go).
import { LEDGER_DEFINITIONS, addedLaterField, type ChainedCollection, type FieldKind, type LedgerField } from './ledgers';

/** The first record of a kiosk links to this instead of a previous hash. */
export const CHAIN_START = '0'.repeat(64);


/** Added after the first records were chained: left out of the text while empty, so old hashes hold. */
const OPTIONAL_FIELDS = new Set(['photo_sha256', 'entered_at']);

/** What the kiosk reported, in chain order, as opposed to what the rules derive from it (ledgers.ts). */
function chainedFields(collection: ChainedCollection): readonly string[] {
	const definition = LEDGER_DEFINITIONS[collection];
	return [...definition.fields.map(([field]) => field), ...(definition.photo ? ['photo_sha256'] : []), 'entered_at'];
}

/**
 * Each ledger's chained fields with their kind and whether they are left out while empty, worked out
 * once: the server recomputes the text of every record when it verifies a ledger (bench/kiosk).
 */
const plans = new Map<ChainedCollection, { field: string; kind: FieldKind | undefined; optional: boolean }[]>();

function planOf(collection: ChainedCollection) {
	let plan = plans.get(collection);
	if (!plan) {
		plan = chainedFields(collection).map((field) => ({
			field,
			kind: kindOf(collection, field),
			optional: OPTIONAL_FIELDS.has(field) || addedLaterField(collection, field)
		}));
		plans.set(collection, plan);
	}
	return plan;
}

function kindOf(collection: ChainedCollection, field: string): FieldKind | undefined {
	if (field === 'entered_at') return 'instant';
	return (LEDGER_DEFINITIONS[collection].fields as readonly LedgerField[]).find(([name]) => name === field)?.[1];
}

function sortedKeys(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(sortedKeys);
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.keys(value)
				.sort()
				.map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])])
		);
	}
	return value;
}

export interface ChainLink {
	seq: number;
	prev_hash: string;
}

function normalise(kind: FieldKind | undefined, field: string, value: unknown): unknown {
	// Numbers that may be absent: the tablet keeps null, PocketBase stores 0; both hash as 0.
	if (value === undefined || value === null || value === '') return kind === 'number' ? 0 : '';
	// Instants are written differently by the browser and PocketBase; both mean the same millisecond.
	if (kind === 'instant') {
		const time = Date.parse(String(value).replace(' ', 'T'));
		return Number.isNaN(time) ? String(value) : new Date(time).toISOString();
	}
	// Fever is derived from the temperature by the canteen's threshold, which the kiosk and the server
	// may know differently; what the person reported is the rest.
	if (field === 'symptoms') return Array.isArray(value) ? value.filter((s) => s !== 'fever').map(String) : [];
	// JSON comes back from the database with its keys in another order.
	return sortedKeys(value);
}

/**
 * The exact text that is hashed: one JSON array, fields in a fixed order, so that key order, date
 * formats or server-derived fields can never change it.
 */
export function chainText({
	collection,
	id,
	canteen,
	device,
	link,
	fields
}: {
	collection: ChainedCollection;
	id: string;
	canteen: string;
	device: string;
	link: ChainLink;
	fields: Record<string, unknown>;
}): string {
	const content = planOf(collection)
		.filter(({ field, optional }) => !optional || (fields[field] !== undefined && fields[field] !== null && fields[field] !== ''))
		.map(({ field, kind }) => [field, normalise(kind, field, fields[field])]);
	return JSON.stringify([collection, id, canteen, device, link.seq, link.prev_hash, content]);
}

export function isChainedCollection(name: string): name is ChainedCollection {
	return Object.prototype.hasOwnProperty.call(LEDGER_DEFINITIONS, name);
}

export function isHash(value: unknown): value is string {
	return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
}

/** One record (or refused submission) as it sits in the server's ledger, with its hash recomputed. */
export interface ChainEntry {
	collection: string;
	id: string;
	seq: number;
	prev_hash: string;
	hash: string;
	/** The hash of the stored content, recomputed now; differs from `hash` when the content was edited. */
	recomputed: string;
	/** The seal of every stored field (the server's verdict included), as stored and recomputed now. */
	seal?: string;
	resealed?: string;
}

export type ChainProblem =
	| { kind: 'edited'; collection: string; id: string; seq: number }
	| { kind: 'broken_link'; collection: string; id: string; seq: number }
	| { kind: 'missing'; from: number; to: number }
	| { kind: 'duplicate_seq'; collection: string; id: string; seq: number }
	| { kind: 'unchained'; collection: string; id: string };

/**
 * Checks one kiosk's chain: every entry's content still matches its hash, every entry links to the one
 * before it, and no number between `first` and the kiosk's last known number is missing. `before` is
 * the hash of the entry just before `first` (when verifying a range), `last` the highest number the
 * server ever received from this kiosk.
 */
export function verifyChain({
	entries,
	first,
	last,
	before
}: {
	entries: ChainEntry[];
	first: number;
	last: number;
	before?: string;
}): ChainProblem[] {
	const problems: ChainProblem[] = [];
	const chained = (entry: ChainEntry) => Number.isInteger(entry.seq) && entry.seq >= 1 && isHash(entry.hash);
	for (const entry of entries) {
		if (!chained(entry)) problems.push({ kind: 'unchained', collection: entry.collection, id: entry.id });
	}
	const sorted = entries.filter(chained).sort((a, b) => a.seq - b.seq);
	let expected = first;
	let previous: ChainEntry | undefined;
	for (const entry of sorted) {
		if (previous && entry.seq === previous.seq) {
			problems.push({ kind: 'duplicate_seq', collection: entry.collection, id: entry.id, seq: entry.seq });
			continue;
		}
		if (entry.seq > expected) problems.push({ kind: 'missing', from: expected, to: entry.seq - 1 });
		if (entry.recomputed !== entry.hash || (entry.seal !== undefined && entry.seal !== entry.resealed)) {
			problems.push({ kind: 'edited', collection: entry.collection, id: entry.id, seq: entry.seq });
		}
		const linkTo = previous && previous.seq === entry.seq - 1 ? previous.hash : entry.seq === first ? before : undefined;
		if (linkTo !== undefined && entry.prev_hash !== linkTo) {
			problems.push({ kind: 'broken_link', collection: entry.collection, id: entry.id, seq: entry.seq });
		}
		previous = entry;
		expected = entry.seq + 1;
	}
	if (expected <= last) problems.push({ kind: 'missing', from: expected, to: last });
	return problems;
}
