#!/usr/bin/env bash
# Builds the pinned PocketBase (with its JS hooks and migrations engine) into server/bin/, only when it
# is missing or of another version. POCKETBASE_BIN points at a prebuilt binary instead.
set -euo pipefail
PB_VERSION="v0.39.11"
root="$(cd "$(dirname "$0")/../.." && pwd)"

if [ -n "${POCKETBASE_BIN:-}" ]; then
	[ -x "$POCKETBASE_BIN" ] || { echo "POCKETBASE_BIN=$POCKETBASE_BIN is not an executable file" >&2; exit 1; }
	exit 0
fi

target="$root/server/bin/pocketbase"
# `go install` does not stamp the version into the binary, so a file beside it records what was built.
stamp="$target.version"
if [ -x "$target" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$PB_VERSION" ]; then
	exit 0
fi

command -v go >/dev/null || { echo "Go is needed to build PocketBase ($PB_VERSION): install Go 1.23 or newer" >&2; exit 1; }
echo "Building PocketBase $PB_VERSION into server/bin/ (first run only; a few minutes on 2 cores)…"
mkdir -p "$root/server/bin"
tmp="$(mktemp -d)"
# examples/base is PocketBase's own main package with the JS VM and migrate commands.
GOBIN="$tmp" CGO_ENABLED=0 go install "github.com/pocketbase/pocketbase/examples/base@$PB_VERSION"
mv "$tmp/base" "$target"
rmdir "$tmp"
echo "$PB_VERSION" > "$stamp"
echo "PocketBase $PB_VERSION built: server/bin/pocketbase"
