/// <reference path="../pb_data/types.d.ts" />

onRecordCreateRequest((e) => {
	// Each pooled JS runtime evaluates the rules once, not on every record. A batch upload keeps one
	// runtime per record busy, so the pool (--hooksPool, server/pocketbase.mjs) is larger than a batch.
	// Together they took PocketBase from ~260 to ~600 checks/s (bench/).
	const checks =
		globalThis.__mingchuMorningChecks ||
		(globalThis.__mingchuMorningChecks = require(`${__hooks}/lib/morning-checks.js`));
	checks.onCreate(e);
}, "morning_checks");
