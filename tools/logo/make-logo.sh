#!/usr/bin/env bash
# Regenerates the Action宣言 badge that accepted declarants download (/sengen/manage/{token}/logo.svg and logo.png):
#   src/ConsultDesk/Resources/Logo/action-sengen-logo.svg  drawn by make_logo.py, letters as outlines (IPAGothic)
#   src/ConsultDesk/Resources/Logo/action-sengen-logo.png  that SVG rendered by headless Chromium, 1024 × 1024, transparent
# Run once after changing the artwork and commit both files; the app only serves them. Needs Debian's chromium and
# python3-fonttools (apt-get install -y chromium python3-fonttools).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$root/src/ConsultDesk/Resources/Logo"
mkdir -p "$out"
/usr/bin/python3 "$root/tools/logo/make_logo.py" "$out/action-sengen-logo.svg"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# A page that shows the SVG at 1024 px, so the PNG is sharp enough for print and web.
printf '<!doctype html><html><body style="margin:0;background:transparent"><img src="file://%s" width="1024" height="1024"></body></html>' \
  "$out/action-sengen-logo.svg" >"$work/page.html"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --disable-background-networking \
  --default-background-color=00000000 --allow-file-access-from-files --window-size=1024,1024 \
  --screenshot="$out/action-sengen-logo.png" "file://$work/page.html" 2>/dev/null
echo "wrote $out/action-sengen-logo.svg and .png"
