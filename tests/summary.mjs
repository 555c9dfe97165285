// Adds up the vitest and Playwright results into one closing line: "N passed, N failed".
import { existsSync, readFileSync } from 'node:fs';

const [vitestFile, playwrightFile] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let missing = false;

if (existsSync(vitestFile)) {
	const report = JSON.parse(readFileSync(vitestFile, 'utf8'));
	passed += report.numPassedTests;
	failed += report.numFailedTests + report.numPendingTests + report.numTodoTests;
	// A suite that failed to load, or an unhandled error, fails the run even with no failed test.
	if (!report.success && report.numFailedTests === 0) failed += Math.max(1, report.numFailedTestSuites);
} else missing = true;

if (existsSync(playwrightFile)) {
	const { stats } = JSON.parse(readFileSync(playwrightFile, 'utf8'));
	passed += stats.expected;
	failed += stats.unexpected + stats.flaky + stats.skipped;
} else missing = true;

if (missing) console.log('A test runner did not report: counted as a failure.');
// Skipped tests count as failed: a skipped test is a claim nobody checks.
console.log(`\nall: ${passed} passed, ${missing ? failed + 1 : failed} failed`);
process.exit(failed > 0 || missing || passed === 0 ? 1 : 0);
