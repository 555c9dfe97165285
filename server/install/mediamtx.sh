#!/usr/bin/env bash
# Builds the pinned MediaMTX into server/bin/, only when it is missing or of another version.
# MEDIAMTX_BIN points at a prebuilt binary instead. MediaMTX's own `go generate` downloads hls.js and
# its version from the internet; here hls.js comes from the npm package of the version MediaMTX pins
# (installed in node_modules as the app's own player dependency), and the version file is written.
set -euo pipefail
MEDIAMTX_VERSION="v1.15.3"
root="$(cd "$(dirname "$0")/../.." && pwd)"

if [ -n "${MEDIAMTX_BIN:-}" ]; then
	[ -x "$MEDIAMTX_BIN" ] || { echo "MEDIAMTX_BIN=$MEDIAMTX_BIN is not an executable file" >&2; exit 1; }
	exit 0
fi

target="$root/server/bin/mediamtx"
stamp="$target.version"
if [ -x "$target" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$MEDIAMTX_VERSION" ]; then
	exit 0
fi

command -v go >/dev/null || { echo "Go is needed to build MediaMTX ($MEDIAMTX_VERSION): install Go 1.24 or newer" >&2; exit 1; }
echo "Building MediaMTX $MEDIAMTX_VERSION into server/bin/ (first run only; a few minutes on 2 cores)…"
module_dir="$(go mod download -json "github.com/bluenviron/mediamtx@$MEDIAMTX_VERSION" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const m=JSON.parse(s);if(m.Error){console.error(m.Error);process.exit(1)}console.log(m.Dir)})')"

hlsjs_wanted="$(tr -d '[:space:]' < "$module_dir/internal/servers/hls/hlsjsdownloader/VERSION")"
hlsjs_have="v$(node -p 'require(process.argv[1]).version' "$root/node_modules/hls.js/package.json")"
if [ "$hlsjs_wanted" != "$hlsjs_have" ]; then
	echo "MediaMTX $MEDIAMTX_VERSION embeds hls.js $hlsjs_wanted, but package.json pins hls.js $hlsjs_have: make them equal" >&2
	exit 1
fi

# The module cache is read-only: build from a writable copy.
work="$(mktemp -d)"
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
cp -r "$module_dir/." "$work"
chmod -R u+w "$work"
cp "$root/node_modules/hls.js/dist/hls.min.js" "$work/internal/servers/hls/hls.min.js"
echo "$MEDIAMTX_VERSION" > "$work/internal/core/VERSION"
mkdir -p "$root/server/bin"
(cd "$work" && CGO_ENABLED=0 go build -o "$target.tmp" .)
mv "$target.tmp" "$target"
echo "$MEDIAMTX_VERSION" > "$stamp"
echo "MediaMTX $MEDIAMTX_VERSION built: server/bin/mediamtx"
