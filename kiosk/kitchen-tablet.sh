#!/usr/bin/env bash
# Opens the Mingchu kitchen kiosk full screen in Chromium on a Linux tablet or mini-PC with a touch
# screen. Usage: kitchen-tablet.sh [SERVER_URL]   (default http://127.0.0.1:8090)
set -euo pipefail
server="${1:-${MINGCHU_URL:-http://127.0.0.1:8090}}"
profile="${XDG_STATE_HOME:-$HOME/.local/state}/mingchu-kiosk"
mkdir -p "$profile"

flags=(
	--kiosk "$server/kitchen"
	--user-data-dir="$profile"          # its own profile: the kiosk's IndexedDB survives reboots
	--no-first-run
	--disable-translate
	--disable-pinch
	--overscroll-history-navigation=0   # a wet swipe must not navigate away mid-check
	--disable-features=TranslateUI
	--noerrdialogs
	--disable-session-crashed-bubble
	--password-store=basic
	--touch-events=enabled
)

# Service workers (offline start) need a secure origin. localhost is one; a server elsewhere on the
# school LAN is not unless it has HTTPS. On a dedicated kiosk the origin can be declared secure:
case "$server" in
	http://127.0.0.1* | http://localhost*) ;;
	http://*) flags+=(--unsafely-treat-insecure-origin-as-secure="$server") ;;
esac

exec "${CHROMIUM:-chromium}" "${flags[@]}"
