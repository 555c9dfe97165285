#!/usr/bin/env bash
# Every test: type check, unit tests, integration tests against a real PocketBase, and the browser
# tests in Debian's Chromium. Expects server/install/setup.sh --test to have run (npm test does).
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
results="$(mktemp -d)"
status=0

step() { echo; echo "== $1"; }

step "Type check (svelte-check)"
npx svelte-check --tsconfig ./tsconfig.json --fail-on-warnings --output human || status=1

step "Unit and integration tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json="$results/vitest.json" || status=1

step "Browser tests (Playwright, Chromium)"
PLAYWRIGHT_JSON_OUTPUT_NAME="$results/playwright.json" \
	npx playwright test -c tests/e2e/playwright.config.ts --reporter=list,json || status=1

node tests/summary.mjs "$results/vitest.json" "$results/playwright.json" || status=1
rm -rf "$results"
exit $status
