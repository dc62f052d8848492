#!/usr/bin/env bash
# The plain loopback round trip that rpc-bench's tcp floor is compared against: sockperf
# ping-pong over TCP on 127.0.0.1, full round-trip times, 14-byte messages (sockperf's minimum;
# our simpleCall moves 9 bytes each way). Installs Debian's sockperf when it is missing.
set -euo pipefail

seconds=10
port=11111
usage() {
  cat <<USAGE
usage: $(basename "$0") [--seconds N] [--port N] [-h|--help]
  --seconds N   length of the ping-pong run (default $seconds)
  --port N      loopback port for the sockperf server (default $port)
USAGE
}
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "loopback-baseline: unknown option '$1' (valid: --seconds, --port, --help)" >&2; exit 2 ;;
  esac
done
case "$seconds$port" in *[!0-9]*) echo "loopback-baseline: --seconds and --port take whole numbers" >&2; exit 2 ;; esac

if ! command -v sockperf >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq sockperf >/dev/null
  else
    echo "loopback-baseline: sockperf is not installed (Debian/Ubuntu: apt-get install sockperf)" >&2
    exit 2
  fi
fi

timeout $((seconds + 20)) sockperf server --tcp -i 127.0.0.1 -p "$port" >/dev/null 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
sleep 1
timeout $((seconds + 15)) sockperf ping-pong --tcp -i 127.0.0.1 -p "$port" -m 14 -t "$seconds" --full-rtt 2>&1 |
  sed 's/\x1b\[[0-9;]*m//g' | grep -E 'avg-rtt|percentile (50|90|99)\.000 =|percentile 99\.900 ='
