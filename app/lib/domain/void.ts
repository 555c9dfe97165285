// Ledger records are immutable: a mistake is corrected by voiding the record with a reason (a record of
// its own) and entering a new one; both stay visible to the administrator.
import type { ErrorCode } from './error-codes';

import type { ChainedCollection } from './ledgers';

/** Which ledgers can be voided is part of each ledger's definition (ledgers.ts: a disposal cannot be). */
export type VoidableLedger = ChainedCollection;

export interface VoidInput {
	ledger: VoidableLedger;
	record_id: string;
	reason: string;
	voided_by: string;
	voided_at: string;
}

export interface VoidError {
	field: keyof VoidInput;
	code: ErrorCode;
}
