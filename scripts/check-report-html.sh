#!/usr/bin/env bash
# Opens a report.html in headless Chromium with no network and checks that every chart (<img>)
# decoded; also takes a screenshot to look at. Installs Debian's chromium when it is missing.
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: scripts/check-report-html.sh [--screenshot FILE.png] [--min-images N] REPORT.html
  Renders REPORT.html offline in headless Chromium, exits 0 when at least N images (default 1) are
  in the page and every one decoded (naturalWidth > 0), 1 otherwise, 2 on bad arguments.
  --screenshot  where to write the screenshot (default: REPORT.html's folder/report-screenshot.png)
USAGE
}

screenshot=""
min_images=1
html=""
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --screenshot) screenshot="${2:?--screenshot needs a file}"; shift 2 ;;
    --min-images) min_images="${2:?--min-images needs a number}"; shift 2 ;;
    -*) echo "check-report-html: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) html="$1"; shift ;;
  esac
done
if [ -z "$html" ] || [ ! -f "$html" ]; then
  echo "check-report-html: ${html:-REPORT.html}: no such file (see --help)" >&2
  exit 2
fi
html=$(realpath "$html")
screenshot=$(realpath -m "${screenshot:-$(dirname "$html")/report-screenshot.png}")

if [ ! -x /usr/bin/chromium ]; then
  echo "check-report-html: installing Debian's chromium"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A copy of the page with a script that, once everything has loaded, writes into the DOM how many
# images there are and how many decoded; the report itself needs no script.
probe="$work/probe.html"
sed 's#</body>#<script>window.addEventListener("load", function () {\
  var all = document.images, ok = 0;\
  for (var i = 0; i < all.length; i++) { if (all[i].complete \&\& all[i].naturalWidth > 0) ok++; }\
  var p = document.createElement("p"); p.id = "image-check";\
  p.textContent = "IMAGES " + all.length + " DECODED " + ok; document.body.appendChild(p);\
});</script></body>#' "$html" >"$probe"

chromium_offline() {
  # A network namespace of its own (no interface up) when we may create one, and in any case no
  # proxy, no name resolution and no background traffic: the page must render from itself alone.
  local ns=()
  if unshare -n true 2>/dev/null; then ns=(unshare -n); fi
  timeout 120 "${ns[@]}" /usr/bin/chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --proxy-server=127.0.0.1:9 --host-resolver-rules='MAP * ~NOTFOUND' \
    --user-data-dir="$(mktemp -d -p "$work")" --virtual-time-budget=10000 "$@" 2>>"$work/chromium.log"
}

chromium_offline --dump-dom "file://$probe" >"$work/dom.html" || true
chromium_offline --window-size=1280,3000 --screenshot="$screenshot" "file://$html" >/dev/null || true

marker=$(grep -o 'IMAGES [0-9]* DECODED [0-9]*' "$work/dom.html" || true)
if [ -z "$marker" ]; then
  tail -n 20 "$work/chromium.log" >&2
  echo "check-report-html: $html: Chromium rendered no page (no image check in the DOM)" >&2
  exit 1
fi
read -r _ images _ decoded <<<"$marker"
if [ "$images" -lt "$min_images" ] || [ "$decoded" -ne "$images" ]; then
  echo "check-report-html: $html: $decoded of $images images decoded (at least $min_images expected)" >&2
  exit 1
fi
[ -s "$screenshot" ] || { echo "check-report-html: $html: Chromium took no screenshot" >&2; exit 1; }
echo "check-report-html: $html: all $images images decoded in headless Chromium; screenshot $screenshot"
