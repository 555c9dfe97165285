#!/usr/bin/env bash
# Installs what Mingchu needs and builds it. Safe to run again: each step is skipped when done.
#   --test   also install Chromium (Debian) for the browser tests
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

with_tests=0
[ "${1:-}" = "--test" ] && with_tests=1

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=0
apt_install() {
	if [ "$apt_updated" = 0 ]; then as_root apt-get update -qq; apt_updated=1; fi
	DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$node_major" -lt 20 ]; then
	echo "Node.js 20 or newer is needed (found: $(node --version 2>/dev/null || echo none))" >&2
	exit 1
fi

# npm ci only when the lock file changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	echo "Installing npm packages…"
	PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
fi

bash server/install/pocketbase.sh
bash server/install/mediamtx.sh

# ffmpeg stands in for the NVR's cameras (demo, tests) and forwards streams to the province.
if ! command -v ffmpeg >/dev/null && [ -z "${FFMPEG_BIN:-}" ]; then
	echo "Installing ffmpeg from Debian…"
	apt_install ffmpeg
fi

# PostgreSQL (Debian) holds the province warehouse (server/province): the demo and the tests start a
# private cluster of their own; the package's system cluster is not used.
if [ -z "${PG_BIN:-}" ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
	echo "Installing PostgreSQL from Debian for the province warehouse…"
	apt_install postgresql
fi

if [ "$with_tests" = 1 ] && [ ! -x /usr/bin/chromium ]; then
	echo "Installing Chromium from Debian for the browser tests…"
	apt_install chromium fonts-noto-cjk
fi
# The generated delivery notes that the OCR tests read are printed in a Chinese font.
if [ "$with_tests" = 1 ] && ! fc-list :lang=zh 2>/dev/null | grep -q .; then
	echo "Installing Chinese fonts from Debian for the ticket OCR tests…"
	apt_install fonts-noto-cjk fontconfig
fi

echo "Building the app…"
npx svelte-kit sync >/dev/null
npx vite build --logLevel error
node server/build-hooks.mjs
