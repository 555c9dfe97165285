#!/usr/bin/env bash
# Opens the dining-room display (明厨亮灶 screen) full screen in Chromium on the TV's mini-PC.
# Usage: dining-display.sh CANTEEN_ID [SERVER_URL]   (server default http://127.0.0.1:8090)
# The page shows the canteen's public cameras live, its licence and grade and today's records, and
# keeps playing on the school's LAN when the internet is down (everything comes from the local server).
set -euo pipefail
canteen="${1:-${MINGCHU_CANTEEN:?give the canteen id (printed by npm start, or in the admin page address)}}"
server="${2:-${MINGCHU_URL:-http://127.0.0.1:8090}}"
rotate="${MINGCHU_ROTATE_SECONDS:-20}"
panels="${MINGCHU_PANEL_SECONDS:-12}"
profile="${XDG_STATE_HOME:-$HOME/.local/state}/mingchu-display"
mkdir -p "$profile"

# The screen never sleeps while the display runs (X11; on Wayland the page's Wake Lock does it).
if command -v xset >/dev/null && [ -n "${DISPLAY:-}" ]; then xset s off -dpms s noblank || true; fi

exec "${CHROMIUM:-chromium}" \
	--kiosk "$server/display/$canteen?rotate=$rotate&panels=$panels" \
	--user-data-dir="$profile" \
	--no-first-run \
	--noerrdialogs \
	--disable-session-crashed-bubble \
	--disable-translate \
	--disable-features=TranslateUI \
	--autoplay-policy=no-user-gesture-required \
	--password-store=basic
