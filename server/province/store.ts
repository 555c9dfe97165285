// Writing a county's batch into the warehouse: in one PostgreSQL transaction per batch, with the
// county's row locked, so that a batch sent twice, sent out of turn or cut off by a crash leaves the
// warehouse as if it had arrived exactly once. Entries are checked against server/province/openapi.json;
// one that does not fit, or names a canteen of another county, is refused alone.
import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import Ajv, { type ValidateFunction } from 'ajv';
import openApi from './openapi.json';
import { chainText, isChainedCollection } from '../../app/lib/domain/chain';
import { GRID_LEDGERS, daySummaryOf } from '../../app/lib/domain/oversight';

export interface Entry {
	seq: number;
	op: 'upsert' | 'delete';
	kind: 'ledger' | 'alert' | 'alert_step' | 'inspection' | 'canteen' | 'camera' | 'digest';
	collection: string;
	canteen: string;
	id: string;
	at?: string;
	data?: Record<string, unknown>;
}

export interface Batch {
	schema: string;
	after_seq: number;
	entries: unknown[];
}

export type BatchAnswer =
	| { status: 200; body: { accepted_through: number; refused: { seq: number; reason: string }[] } }
	| { status: 400; body: { message: string } }
	| { status: 409; body: { expected_from: number } };

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Validators for the batch and for one entry, compiled from the OpenAPI file: one description of the wire. */
export function compileValidators() {
	const ajv = new Ajv({ strict: false, allErrors: false });
	const { schemas } = openApi.components;
	ajv.addSchema({ $id: 'mingchu', components: { schemas } });
	return {
		batch: ajv.getSchema('mingchu#/components/schemas/Batch') as ValidateFunction<Batch>,
		entry: ajv.getSchema('mingchu#/components/schemas/Entry') as ValidateFunction<Entry>
	};
}

const validators = compileValidators();

function reasonOf(validate: ValidateFunction): string {
	const first = validate.errors?.[0];
	return first ? `${first.instancePath || '/'} ${first.message ?? 'is not valid'}` : 'is not valid';
}

/** Monthly partitions, made before the batch's transaction (two counties making one at once would collide inside it). */
const PARTITIONED: Record<string, 'timestamptz' | 'date'> = {
	ledger_records: 'timestamptz',
	canteen_days: 'date',
	alerts: 'timestamptz',
	alert_steps: 'timestamptz',
	inspections: 'timestamptz',
	daily_digests: 'date'
};
const madePartitions = new Set<string>();

function monthOf(value: unknown): string | null {
	const text = String(value ?? '');
	return /^\d{4}-\d{2}/.test(text) ? text.slice(0, 7) : null;
}

export async function ensurePartition(pool: Pool | PoolClient, table: string, month: string) {
	const name = `${table}_${month.replace('-', '')}`;
	if (madePartitions.has(name)) return;
	const [y, m] = month.split('-').map(Number);
	const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
	const bound = (ym: string) => (PARTITIONED[table] === 'date' ? `'${ym}-01'` : `'${ym}-01 00:00:00+00'`);
	try {
		await pool.query(`CREATE TABLE IF NOT EXISTS ${name} PARTITION OF ${table} FOR VALUES FROM (${bound(month)}) TO (${bound(next)})`);
	} catch (error) {
		// Made by another batch at the same moment: it exists now.
		if (!/already exists/.test(String(error))) throw error;
	}
	madePartitions.add(name);
}

/** The months each partitioned table needs for these entries (UTC months; a day's local month is its own). */
function partitionsFor(entries: Entry[]): [string, string][] {
	const wanted = new Set<string>();
	const add = (table: string, value: unknown) => {
		const month = monthOf(value);
		if (month) wanted.add(`${table}|${month}`);
	};
	for (const entry of entries) {
		const data = entry.data ?? {};
		if (entry.op !== 'upsert') continue;
		if (entry.kind === 'ledger') {
			add('ledger_records', data.received_at);
			const fields = (data.fields ?? {}) as Record<string, unknown>;
			add('canteen_days', fields.date);
		} else if (entry.kind === 'alert') add('alerts', data.raised_at);
		else if (entry.kind === 'alert_step') add('alert_steps', data.at);
		else if (entry.kind === 'inspection') add('inspections', data.started_at);
		else if (entry.kind === 'digest') add('daily_digests', data.day);
	}
	return [...wanted].map((key) => key.split('|') as [string, string]);
}

function emptyCounts() {
	return `'{${GRID_LEDGERS.map(() => 0).join(',')}}'::integer[]`;
}

/** The hash the kiosk made, recomputed from the fields that arrived (the county does the same in pb_hooks/lib/chain.js). */
function recomputedHash(entry: Entry): string | null {
	const data = entry.data as { device: string; seq: number; prev_hash: string; fields: Record<string, unknown> };
	const fields = data.fields;
	const refused = entry.collection === 'refused_submissions';
	const collection = refused ? String(fields.ledger ?? '') : entry.collection;
	if (!isChainedCollection(collection)) return null;
	return sha256(
		chainText({
			collection,
			id: refused ? String(fields.record_id ?? '') : entry.id,
			canteen: entry.canteen,
			device: data.device,
			link: { seq: data.seq, prev_hash: data.prev_hash },
			fields: refused ? ((fields.payload ?? {}) as Record<string, unknown>) : fields
		})
	);
}

async function problem(client: PoolClient, canteen: string, kind: string, detail: string, where: { collection?: string; record?: string; day?: string } = {}) {
	await client.query('INSERT INTO problems (canteen_id, kind, collection, record_id, day, detail) VALUES ($1, $2, $3, $4, $5, $6)', [
		canteen,
		kind,
		where.collection ?? '',
		where.record ?? '',
		where.day ?? null,
		detail
	]);
}

interface CanteenRow {
	county_id: string;
	district: string;
	required_mask: number;
}

/** One more kept (or voided) record on a canteen's day; kept_mask follows records > voided, kept_required the canteen's required ledgers. */
async function countDay(client: PoolClient, canteen: string, owner: CanteenRow, day: string, ledger: string, change: { records?: number; voided?: number; late?: number; excluded_staff?: number; flagged?: number; overridden?: number }) {
	const index = (GRID_LEDGERS as readonly string[]).indexOf(ledger);
	const slot = index + 1;
	const bit = index >= 0 ? 1 << index : 0;
	const records = index >= 0 ? (change.records ?? 0) : 0;
	const voided = index >= 0 ? (change.voided ?? 0) : 0;
	const late = index >= 0 ? (change.late ?? 0) : 0;
	await client.query(
		`INSERT INTO canteen_days AS d (canteen_id, day, district, records, voided, late, kept_mask, excluded_staff, flagged, overridden)
		 VALUES ($1, $2, $3, ${emptyCounts()}, ${emptyCounts()}, ${emptyCounts()}, 0, 0, 0, 0)
		 ON CONFLICT (canteen_id, day) DO NOTHING`,
		[canteen, day, owner.district]
	);
	if (index >= 0) {
		const keptMask = `CASE WHEN records[${slot}] + $3 > voided[${slot}] + $4 THEN kept_mask | ${bit} ELSE kept_mask & ~${bit} END`;
		await client.query(
			`UPDATE canteen_days SET records[${slot}] = records[${slot}] + $3, voided[${slot}] = voided[${slot}] + $4, late[${slot}] = late[${slot}] + $5,
			   kept_mask = ${keptMask}, kept_required = bit_count(((${keptMask}) & $9::int)::bit(32)),
			   excluded_staff = excluded_staff + $6, flagged = flagged + $7, overridden = overridden + $8
			 WHERE canteen_id = $1 AND day = $2`,
			[canteen, day, records, voided, late, change.excluded_staff ?? 0, change.flagged ?? 0, change.overridden ?? 0, owner.required_mask]
		);
	} else {
		await client.query('UPDATE canteen_days SET excluded_staff = excluded_staff + $3, flagged = flagged + $4, overridden = overridden + $5 WHERE canteen_id = $1 AND day = $2', [
			canteen,
			day,
			change.excluded_staff ?? 0,
			change.flagged ?? 0,
			change.overridden ?? 0
		]);
	}
}

function requiredMask(ledgers: unknown): number {
	let mask = 0;
	for (const ledger of Array.isArray(ledgers) ? ledgers : []) {
		const index = (GRID_LEDGERS as readonly string[]).indexOf(String(ledger));
		if (index >= 0) mask |= 1 << index;
	}
	return mask;
}

const timeOrNull = (value: unknown) => (typeof value === 'string' && value.length >= 10 ? value.replace(' ', 'T') : null);

async function applyLedger(client: PoolClient, owner: CanteenRow, entry: Entry) {
	const county = owner.county_id;
	if (entry.op === 'delete') {
		const gone = await client.query('UPDATE ledger_records SET deleted = true WHERE canteen_id = $1 AND collection = $2 AND record_id = $3 AND NOT deleted RETURNING 1', [
			entry.canteen,
			entry.collection,
			entry.id
		]);
		if (gone.rowCount) await problem(client, entry.canteen, 'deleted_at_county', `${entry.collection}/${entry.id} was deleted at the county after it arrived`, { collection: entry.collection, record: entry.id });
		return;
	}
	const data = entry.data as { device: string; seq: number; hash: string; prev_hash: string; seal: string; received_at: string; fields: Record<string, unknown> };
	const fields = data.fields;
	const recomputed = recomputedHash(entry);
	if (recomputed === null) throw new Refusal(`${entry.collection}: not a ledger this warehouse knows`);
	const hashOk = recomputed === data.hash;
	const ledgerDate = typeof fields.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(fields.date) ? fields.date : null;
	const inserted = await client.query(
		`INSERT INTO ledger_records (canteen_id, collection, record_id, received_at, county_id, device, seq, hash, prev_hash, seal, ledger_date, fields, hash_ok)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
		 ON CONFLICT (canteen_id, collection, record_id, received_at) DO NOTHING RETURNING 1`,
		[entry.canteen, entry.collection, entry.id, data.received_at, county, data.device, data.seq, data.hash, data.prev_hash, data.seal, ledgerDate, JSON.stringify(fields), hashOk]
	);
	const where = { collection: entry.collection, record: entry.id };
	if (!inserted.rowCount) {
		// Held already: the same content again is a duplicate; different content was changed at the county after it arrived here.
		const changed = await client.query(
			`UPDATE ledger_records SET fields = $5, hash = $6, seal = $7, hash_ok = $8, changed_after_arrival = true
			 WHERE canteen_id = $1 AND collection = $2 AND record_id = $3 AND received_at = $4 AND (fields <> $5::jsonb OR hash <> $6 OR seal <> $7) RETURNING 1`,
			[entry.canteen, entry.collection, entry.id, data.received_at, JSON.stringify(fields), data.hash, data.seal, hashOk]
		);
		if (changed.rowCount) await problem(client, entry.canteen, 'changed_after_arrival', `${entry.collection}/${entry.id} arrived again with different content`, where);
		return;
	}
	if (!hashOk) await problem(client, entry.canteen, 'hash_mismatch', `${entry.collection}/${entry.id}: its fields do not give the kiosk's hash (changed on the way or after sealing)`, where);
	if (entry.collection === 'voids') {
		const target = await client.query<{ collection: string; ledger_date: string }>(
			"SELECT collection, to_char(ledger_date, 'YYYY-MM-DD') AS ledger_date FROM ledger_records WHERE canteen_id = $1 AND record_id = $2 AND collection = $3 AND ledger_date IS NOT NULL LIMIT 1",
			[entry.canteen, String(fields.record_id ?? ''), String(fields.ledger ?? '')]
		);
		if (target.rowCount) await countDay(client, entry.canteen, owner, target.rows[0].ledger_date, target.rows[0].collection, { voided: 1 });
		return;
	}
	if (entry.collection === 'refused_submissions' || !ledgerDate) return;
	const marks = daySummaryOf(entry.collection, fields);
	await countDay(client, entry.canteen, owner, ledgerDate, entry.collection, { records: 1, ...marks });
}

async function applyDigest(client: PoolClient, entry: Entry) {
	const data = entry.data as { day: string; records: number; digest: string; seals_sha256: string; window: { start: string; end: string } };
	// The county orders seals by device (as JS compares strings: code points) then chain number.
	const held = await client.query<{ seal: string; hash_ok: boolean; collection: string; record_id: string }>(
		`SELECT seal, hash_ok, collection, record_id FROM ledger_records WHERE canteen_id = $1 AND received_at >= $2 AND received_at < $3 AND NOT deleted ORDER BY device COLLATE "C", seq`,
		[entry.canteen, data.window.start, data.window.end]
	);
	const sealsSha = sha256(held.rows.map((row) => row.seal).join('\n'));
	const reasons: string[] = [];
	if (held.rowCount !== data.records) reasons.push(`county sealed ${data.records} records, province holds ${held.rowCount}`);
	if (data.seals_sha256 && sealsSha !== data.seals_sha256) reasons.push('the seals of the day differ from the county’s');
	const bad = held.rows.filter((row) => !row.hash_ok).map((row) => `${row.collection}/${row.record_id}`);
	if (bad.length) reasons.push(`records whose content does not match their hash: ${bad.slice(0, 20).join(', ')}`);
	const matches = reasons.length === 0;
	await client.query(
		`INSERT INTO daily_digests (canteen_id, day, records, digest, seals_sha256, held, matches, problem) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
		 ON CONFLICT (canteen_id, day) DO UPDATE SET records = EXCLUDED.records, digest = EXCLUDED.digest, seals_sha256 = EXCLUDED.seals_sha256, held = EXCLUDED.held, matches = EXCLUDED.matches, problem = EXCLUDED.problem, checked_at = now()`,
		[entry.canteen, data.day, data.records, data.digest, data.seals_sha256, held.rowCount, matches, reasons.join('; ')]
	);
	if (!matches) await problem(client, entry.canteen, 'digest_mismatch', reasons.join('; '), { day: data.day });
}

class Refusal extends Error {}

async function applyEntry(client: PoolClient, county: string, entry: Entry) {
	const data = entry.data ?? {};
	if (entry.kind === 'canteen') {
		const owner = await client.query<CanteenRow>('SELECT county_id, district, required_mask FROM canteens WHERE canteen_id = $1', [entry.canteen]);
		if (owner.rowCount && owner.rows[0].county_id !== county) throw new Refusal(`canteen ${entry.canteen} belongs to another county`);
		if (entry.op === 'delete') {
			await client.query('UPDATE canteens SET deleted = true, updated_at = now() WHERE canteen_id = $1', [entry.canteen]);
			// Out of every district's sums.
			await client.query("UPDATE canteen_days SET district = '-' WHERE canteen_id = $1", [entry.canteen]);
			return;
		}
		const district = String(data.district ?? '');
		const mask = requiredMask(data.required_ledgers);
		if (owner.rowCount && (owner.rows[0].district !== district || owner.rows[0].required_mask !== mask)) {
			// Moved to another district, or owes other ledgers now: its days' copies follow.
			await client.query('UPDATE canteen_days SET district = $2, kept_required = bit_count((kept_mask & $3::int)::bit(32)) WHERE canteen_id = $1', [entry.canteen, district, mask]);
		}
		await client.query(
			`INSERT INTO canteens (canteen_id, county_id, name, type, district, required_mask, facts) VALUES ($1, $2, $3, $4, $5, $6, $7)
			 ON CONFLICT (canteen_id) DO UPDATE SET name = EXCLUDED.name, type = EXCLUDED.type, district = EXCLUDED.district, required_mask = EXCLUDED.required_mask, facts = EXCLUDED.facts, deleted = false, updated_at = now()`,
			[entry.canteen, county, String(data.name), String(data.type), district, mask, JSON.stringify(data)]
		);
		return;
	}
	const owner = await client.query<CanteenRow>('SELECT county_id, district, required_mask FROM canteens WHERE canteen_id = $1', [entry.canteen]);
	if (!owner.rowCount) throw new Refusal(`canteen ${entry.canteen} is unknown here: send the canteen first (county: POST /api/mingchu/province/backfill)`);
	if (owner.rows[0].county_id !== county) throw new Refusal(`canteen ${entry.canteen} belongs to another county`);
	switch (entry.kind) {
		case 'ledger':
			return applyLedger(client, owner.rows[0], entry);
		case 'digest':
			if (entry.op === 'upsert') await applyDigest(client, entry);
			return;
		case 'camera':
			if (entry.op === 'delete') await client.query('UPDATE cameras SET deleted = true WHERE canteen_id = $1 AND camera_id = $2', [entry.canteen, entry.id]);
			else
				await client.query(
					`INSERT INTO cameras (canteen_id, camera_id, name, online, on_demand) VALUES ($1, $2, $3, $4, $5)
					 ON CONFLICT (canteen_id, camera_id) DO UPDATE SET name = EXCLUDED.name, online = EXCLUDED.online, on_demand = EXCLUDED.on_demand, deleted = false`,
					[entry.canteen, entry.id, String(data.name), Boolean(data.online), Boolean(data.on_demand)]
				);
			return;
		case 'alert': {
			if (entry.op === 'delete') {
				await client.query('UPDATE alerts SET deleted = true WHERE canteen_id = $1 AND alert_id = $2', [entry.canteen, entry.id]);
				return;
			}
			const state = String(data.state);
			// The county keeps no closing time on the alert: the moment it queued the change to "closed" is it.
			await client.query(
				`INSERT INTO alerts AS a (canteen_id, alert_id, raised_at, kind, grade, source, state, card, due_at, closed_at, data)
				 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, CASE WHEN $7 = 'closed' THEN $10::timestamptz END, $11)
				 ON CONFLICT (canteen_id, alert_id, raised_at) DO UPDATE SET kind = EXCLUDED.kind, grade = EXCLUDED.grade, state = EXCLUDED.state, card = EXCLUDED.card, due_at = EXCLUDED.due_at,
				   closed_at = CASE WHEN EXCLUDED.state = 'closed' THEN COALESCE(a.closed_at, EXCLUDED.closed_at) END, data = EXCLUDED.data, deleted = false`,
				[entry.canteen, entry.id, timeOrNull(data.raised_at), String(data.kind), Number(data.grade), String(data.source), state, String(data.card ?? ''), timeOrNull(data.due_at), timeOrNull(entry.at) ?? new Date().toISOString(), JSON.stringify(data)]
			);
			return;
		}
		case 'alert_step':
			if (entry.op === 'upsert')
				await client.query(
					`INSERT INTO alert_steps (canteen_id, step_id, at, alert_id, action, data) VALUES ($1, $2, $3, $4, $5, $6)
					 ON CONFLICT (canteen_id, step_id, at) DO UPDATE SET action = EXCLUDED.action, data = EXCLUDED.data`,
					[entry.canteen, entry.id, timeOrNull(data.at), String(data.alert), String(data.action), JSON.stringify(data)]
				);
			return;
		case 'inspection':
			if (entry.op === 'delete') await client.query('UPDATE inspections SET deleted = true WHERE canteen_id = $1 AND inspection_id = $2', [entry.canteen, entry.id]);
			else
				await client.query(
					`INSERT INTO inspections (canteen_id, inspection_id, started_at, data) VALUES ($1, $2, $3, $4)
					 ON CONFLICT (canteen_id, inspection_id, started_at) DO UPDATE SET data = EXCLUDED.data, deleted = false`,
					[entry.canteen, entry.id, timeOrNull(data.started_at), JSON.stringify(data)]
				);
			return;
	}
}

/** Takes a county's batch. `county` is the county the bearer token named. */
export async function applyBatch(pool: Pool, county: string, body: unknown): Promise<BatchAnswer> {
	if (!validators.batch(body)) return { status: 400, body: { message: `batch ${reasonOf(validators.batch)}` } };
	const entries = [...body.entries].sort((a, b) => Number((a as Entry).seq) - Number((b as Entry).seq)) as Entry[];
	for (const [table, month] of partitionsFor(entries)) await ensurePartition(pool, table, month);
	const client = await pool.connect();
	try {
		await client.query('BEGIN');
		const row = await client.query<{ last_seq: string }>('SELECT last_seq FROM counties WHERE county_id = $1 FOR UPDATE', [county]);
		const last = Number(row.rows[0].last_seq);
		if (body.after_seq > last) {
			await client.query('ROLLBACK');
			return { status: 409, body: { expected_from: last + 1 } };
		}
		const refused: { seq: number; reason: string }[] = [];
		let through = last;
		for (const entry of entries) {
			const seq = Number(entry.seq);
			if (!Number.isInteger(seq) || seq <= last) continue;
			through = Math.max(through, seq);
			let reason = '';
			if (!validators.entry(entry)) reason = reasonOf(validators.entry);
			else {
				await client.query('SAVEPOINT entry');
				try {
					await applyEntry(client, county, entry);
					await client.query('RELEASE SAVEPOINT entry');
				} catch (error) {
					await client.query('ROLLBACK TO SAVEPOINT entry');
					if (!(error instanceof Refusal) && !/invalid input|out of range|violates|no partition/.test(String(error))) throw error;
					reason = String((error as Error).message ?? error).slice(0, 500);
				}
			}
			if (reason) {
				refused.push({ seq, reason });
				await client.query('INSERT INTO refused_entries (county_id, seq, reason, entry) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [county, seq, reason, JSON.stringify(entry)]);
			}
		}
		await client.query('UPDATE counties SET last_seq = $2, last_at = now() WHERE county_id = $1', [county, through]);
		await client.query('COMMIT');
		return { status: 200, body: { accepted_through: through, refused } };
	} catch (error) {
		await client.query('ROLLBACK').catch(() => undefined);
		throw error;
	} finally {
		client.release();
	}
}

/** The province's operator adds a county; the token is shown once and kept only as its hash. */
export async function addCounty(pool: Pool, countyId: string, name: string, token: string) {
	await pool.query(
		'INSERT INTO counties (county_id, name, token_sha256) VALUES ($1, $2, $3) ON CONFLICT (county_id) DO UPDATE SET name = EXCLUDED.name, token_sha256 = EXCLUDED.token_sha256',
		[countyId, name, sha256(token)]
	);
}

export async function countyOfToken(pool: Pool, token: string): Promise<string | null> {
	if (!token) return null;
	const found = await pool.query<{ county_id: string }>('SELECT county_id FROM counties WHERE token_sha256 = $1', [sha256(token)]);
	return found.rowCount ? found.rows[0].county_id : null;
}
