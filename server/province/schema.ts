// The province warehouse (数据总仓). Every table but `counties` and `refused_entries` is keyed by canteen
// first, so that it can be distributed by canteen_id (Citus: create_distributed_table(…, 'canteen_id'))
// without a schema change; the big ones are partitioned by month (the ingest makes partitions as months
// arrive). Applied at every start of the ingest: each statement is idempotent.

export const SCHEMA_SQL = /* sql */ `
CREATE TABLE IF NOT EXISTS counties (
	county_id text PRIMARY KEY,
	name text NOT NULL,
	token_sha256 text NOT NULL UNIQUE,
	last_seq bigint NOT NULL DEFAULT 0,
	last_at timestamptz
);

CREATE TABLE IF NOT EXISTS canteens (
	canteen_id text PRIMARY KEY,
	county_id text NOT NULL REFERENCES counties,
	name text NOT NULL,
	type text NOT NULL,
	district text NOT NULL,
	-- GRID_LEDGERS (app/lib/domain/oversight.ts) this canteen owes each day, as bits in that order.
	required_mask integer NOT NULL,
	facts jsonb NOT NULL,
	deleted boolean NOT NULL DEFAULT false,
	updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS canteens_district ON canteens (district text_pattern_ops) INCLUDE (canteen_id, county_id, required_mask);

CREATE TABLE IF NOT EXISTS cameras (
	canteen_id text NOT NULL,
	camera_id text NOT NULL,
	name text NOT NULL,
	online boolean NOT NULL,
	on_demand boolean NOT NULL,
	deleted boolean NOT NULL DEFAULT false,
	PRIMARY KEY (canteen_id, camera_id)
);

-- Ledger records as the county holds them, with the kiosk's hash and the county's seal. hash_ok: the
-- hash recomputed here from the fields matches (false: changed on the way or after sealing).
CREATE TABLE IF NOT EXISTS ledger_records (
	canteen_id text NOT NULL,
	collection text NOT NULL,
	record_id text NOT NULL,
	received_at timestamptz NOT NULL,
	county_id text NOT NULL,
	device text NOT NULL,
	seq integer NOT NULL,
	hash text NOT NULL,
	prev_hash text NOT NULL,
	seal text NOT NULL,
	ledger_date date,
	fields jsonb NOT NULL,
	hash_ok boolean NOT NULL,
	changed_after_arrival boolean NOT NULL DEFAULT false,
	deleted boolean NOT NULL DEFAULT false,
	PRIMARY KEY (canteen_id, collection, record_id, received_at)
) PARTITION BY RANGE (received_at);
CREATE INDEX IF NOT EXISTS ledger_records_arrival ON ledger_records (canteen_id, received_at) INCLUDE (device, seq, seal);
CREATE INDEX IF NOT EXISTS ledger_records_by_id ON ledger_records (canteen_id, record_id);

-- One row per canteen and ledger day: counts per ledger in GRID_LEDGERS order, and kept_mask, the
-- ledgers with a record not voided, as bits. district and kept_required (the required ledgers kept,
-- bit_count(kept_mask & the canteen's required_mask)) are copies kept current by the ingest, so that
-- the province's grid sums one narrow index without joining 20,000 canteens per day row.
CREATE TABLE IF NOT EXISTS canteen_days (
	canteen_id text NOT NULL,
	day date NOT NULL,
	district text NOT NULL,
	kept_required smallint NOT NULL DEFAULT 0,
	records integer[] NOT NULL,
	voided integer[] NOT NULL,
	late integer[] NOT NULL,
	kept_mask integer NOT NULL DEFAULT 0,
	excluded_staff integer NOT NULL DEFAULT 0,
	flagged integer NOT NULL DEFAULT 0,
	overridden integer NOT NULL DEFAULT 0,
	PRIMARY KEY (canteen_id, day)
) PARTITION BY RANGE (day);
-- The grid reads the range through this index alone (an index-only scan of narrow rows).
CREATE INDEX IF NOT EXISTS canteen_days_grid ON canteen_days (day, district) INCLUDE (canteen_id, kept_required, kept_mask, excluded_staff, flagged, overridden);

CREATE TABLE IF NOT EXISTS alerts (
	canteen_id text NOT NULL,
	alert_id text NOT NULL,
	raised_at timestamptz NOT NULL,
	kind text NOT NULL,
	grade smallint NOT NULL,
	source text NOT NULL,
	state text NOT NULL,
	card text NOT NULL DEFAULT '',
	due_at timestamptz,
	closed_at timestamptz,
	data jsonb NOT NULL,
	deleted boolean NOT NULL DEFAULT false,
	PRIMARY KEY (canteen_id, alert_id, raised_at)
) PARTITION BY RANGE (raised_at);
CREATE INDEX IF NOT EXISTS alerts_raised ON alerts (raised_at) INCLUDE (canteen_id, state, source, due_at, closed_at);
CREATE INDEX IF NOT EXISTS alerts_open ON alerts (canteen_id) INCLUDE (card) WHERE state <> 'closed' AND NOT deleted;

CREATE TABLE IF NOT EXISTS alert_steps (
	canteen_id text NOT NULL,
	step_id text NOT NULL,
	at timestamptz NOT NULL,
	alert_id text NOT NULL,
	action text NOT NULL,
	data jsonb NOT NULL,
	PRIMARY KEY (canteen_id, step_id, at)
) PARTITION BY RANGE (at);

CREATE TABLE IF NOT EXISTS inspections (
	canteen_id text NOT NULL,
	inspection_id text NOT NULL,
	started_at timestamptz NOT NULL,
	data jsonb NOT NULL,
	deleted boolean NOT NULL DEFAULT false,
	PRIMARY KEY (canteen_id, inspection_id, started_at)
) PARTITION BY RANGE (started_at);

-- The county's daily digests, checked on arrival against the records the province holds.
CREATE TABLE IF NOT EXISTS daily_digests (
	canteen_id text NOT NULL,
	day date NOT NULL,
	records integer NOT NULL,
	digest text NOT NULL,
	seals_sha256 text NOT NULL,
	held integer NOT NULL,
	matches boolean NOT NULL,
	problem text NOT NULL DEFAULT '',
	checked_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (canteen_id, day)
) PARTITION BY RANGE (day);

-- What the province found wrong, named: a record whose hash does not match its fields, a record
-- changed after it arrived, a day whose digest does not match what arrived.
CREATE TABLE IF NOT EXISTS problems (
	canteen_id text NOT NULL,
	problem_id bigserial,
	kind text NOT NULL,
	collection text NOT NULL DEFAULT '',
	record_id text NOT NULL DEFAULT '',
	day date,
	detail text NOT NULL,
	found_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (canteen_id, problem_id)
);

-- Entries refused one by one (the county keeps them as dead letters too).
CREATE TABLE IF NOT EXISTS refused_entries (
	county_id text NOT NULL,
	seq bigint NOT NULL,
	reason text NOT NULL,
	entry jsonb NOT NULL,
	refused_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (county_id, seq)
);
`;
