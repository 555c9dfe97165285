#!/usr/bin/env bash
# The school's edge video box in one command: installs what the box needs (npm packages, MediaMTX built
# from the Go module proxy, ffmpeg), enrols it with the county server once, and runs it as a systemd
# service that starts at boot and restarts if it stops. Run as root on the mini-PC, in a clone of this
# repository:
#   bash kiosk/edge/install.sh --county https://county.example --code ABCD-EFGH --lan-host 192.168.1.20
# The code comes from the county's administration (视频 → 学校视频盒, valid 24 hours). Without systemd
# (a test machine) it runs the agent in the foreground instead.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
county="" code="" lan_host=""
while [ $# -gt 0 ]; do
	case "$1" in
		--county) county="$2"; shift 2 ;;
		--code) code="$2"; shift 2 ;;
		--lan-host) lan_host="$2"; shift 2 ;;
		*) echo "unknown option $1" >&2; exit 2 ;;
	esac
done
[ -n "$county" ] || { echo "usage: $0 --county URL --code XXXX-XXXX --lan-host LAN_IP" >&2; exit 2; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
fi
bash server/install/mediamtx.sh
command -v ffmpeg >/dev/null || { as_root apt-get update -qq; DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq ffmpeg >/dev/null; }
# The rule bundle the agent shares with the county's hooks (camera paths).
node server/build-hooks.mjs

data="${MINGCHU_EDGE_DATA:-$root/server/edge-data}"
args=(--county "$county" --data "$data")
[ -n "$lan_host" ] && args+=(--lan-host "$lan_host")
if [ ! -f "$data/edge.json" ]; then
	[ -n "$code" ] || { echo "the first start needs --code (from the county's administration)" >&2; exit 2; }
	args+=(--code "$code")
fi

if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
	unit=/etc/systemd/system/mingchu-edge.service
	sed -e "s#@ROOT@#$root#g" -e "s#@ARGS@#${args[*]}#g" kiosk/edge/mingchu-edge.service | as_root tee "$unit" >/dev/null
	as_root systemctl daemon-reload
	as_root systemctl enable --now mingchu-edge
	echo "mingchu-edge is running: journalctl -u mingchu-edge -f"
else
	exec node server/edge/agent.mjs "${args[@]}"
fi
