#!/usr/bin/env bash
# A two-host LAN on one Linux machine: network namespaces rpcb-srv (10.77.0.1) and rpcb-cli
# (10.77.0.2) joined by a veth pair, tc netem delay (default 0.15 ms each way), jitter and loss on
# both ends. Runs the selection on loopback first, then with the client in rpcb-cli and each
# server started behind `ip netns exec rpcb-srv` bound to 10.77.0.1, reported against the
# loopback run. Everything is torn down on exit, failure and Ctrl-C. Needs root and iproute2.
# Relay mode (--relay, or by itself when the kernel has no sch_netem): no namespaces and no root;
# the second run stays on loopback with -Drpcbench.net.delay, a relay in each JMH fork that holds
# every chunk for the delay each way (fixed delay: no jitter, no loss).
# Traffic stays on loopback and inside the two namespaces.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
srv=rpcb-srv cli=rpcb-cli srv_ip=10.77.0.1 cli_ip=10.77.0.2
# shellcheck source=veth-pair.sh
. "$root/scripts/veth-pair.sh"

usage() {
  cat <<'EOF'
usage: sudo scripts/lan-emulation.sh [--delay 0.15ms] [--jitter 0ms] [--loss 0%] [--relay] [--lan-only]
                                     [--out DIR] [run-bench.sh options...]
  --delay    one-way delay added on each end (a round trip gains twice this); 0: no netem,
             only the veth hop between the namespaces (relay mode: the relay without delay)
  --relay    relay mode, no root needed: client and servers on loopback, a relay in each JMH fork
             adds --delay each way to every chunk it passes on (-Drpcbench.net.delay); chosen by
             itself when tc netem is missing. Delay as 150us, 0.15ms or 2ms; no --jitter, no --loss
  --jitter   netem jitter of that delay (default none)
  --loss     packet loss on each end, e.g. 0.1% (default none)
  --lan-only skip the loopback run that the LAN run is reported against
Other options go to scripts/run-bench.sh, e.g. --profile smoke --transports tcp,grpc
  --benchmarks SimpleCall. --server-prefix, --server-address and --out are set here.
EOF
}

fail() { echo "lan-emulation: $*" >&2; exit 2; }
delay=0.15ms jitter="" loss="" relay=0 lan_only=0 out="" profile=standard client_jvm_args=""
pass=()
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --delay|--jitter|--loss|--out|--client-jvm-args) [ $# -ge 2 ] || fail "$1 needs a value" ;;&
    --delay) delay="$2"; shift 2 ;;
    --jitter) jitter="$2"; shift 2 ;;
    --loss) loss="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --relay) relay=1; shift ;;
    --lan-only) lan_only=1; shift ;;
    --client-jvm-args) client_jvm_args="$2"; shift 2 ;;
    --server-prefix|--server-address) fail "$1 is set by this script" ;;
    --profile) [ $# -ge 2 ] || fail "--profile needs a value"; profile="$2"; pass+=("$1" "$2"); shift 2 ;;
    *) pass+=("$1"); shift ;;
  esac
done

# Relay mode's delay, as -Drpcbench.net.delay takes it; checked before any run starts.
relay_delay() {
  [ -z "$jitter$loss" ] || fail "--jitter and --loss need tc netem: relay mode adds a fixed delay only (drop them)"
  [ "$delay" != 0 ] || delay=0us # 0 would mean no relay at all; 0us keeps the relay, without delay
  [[ "$delay" =~ ^[0-9]+(\.[0-9]+)?(us|ms|s)$ ]] || fail "--delay '$delay' is not a relay delay: give e.g. 150us, 0.15ms or 2ms"
}

build_namespaces() {
  [ "$(id -u)" = 0 ] || fail "needs root (network namespaces and tc); --relay runs without them"
  command -v ip >/dev/null && command -v tc >/dev/null || fail "needs iproute2 (apt-get install -y iproute2)"
  if ip netns list | grep -qE "^($srv|$cli)( |$)"; then
    echo "lan-emulation: removing namespaces left by an earlier run"
    teardown
  fi
  trap teardown EXIT
  veth_pair "$srv" rpcb-s "$srv_ip" "$cli" rpcb-c "$cli_ip"
}

# netem on both ends of the veth pair; on failure prints tc's own words and returns 1.
add_netem() {
  [ "$delay$jitter$loss" != 0 ] || return 0
  local ns dev why
  for side in "$srv rpcb-s" "$cli rpcb-c"; do
    read -r ns dev <<<"$side"
    why=$(ip netns exec "$ns" tc qdisc add dev "$dev" root netem "${netem[@]}" 2>&1) || { echo "$why"; return 1; }
  done
}

teardown() {
  ip netns del "$srv" 2>/dev/null || true # deleting a namespace deletes its end of the veth pair
  ip netns del "$cli" 2>/dev/null || true
}
trap 'exit 130' INT
trap 'exit 143' TERM

netem=(delay "$delay")
[ -z "$jitter" ] || netem+=("$jitter")
[ -z "$loss" ] || netem+=(loss "$loss")
if [ "$relay" = 0 ]; then
  build_namespaces
  if why=$(add_netem); then
    # No ping here (not always installed): the runs below make real round trips across the veth pair.
    echo "lan-emulation: $cli ($cli_ip) <-> $srv ($srv_ip), netem ${netem[*]} on each end (delay 0: none)"
  else
    teardown
    echo "lan-emulation: tc netem is not available here ($(echo "$why" | head -n 1)): relay mode instead (--relay)"
    relay=1
  fi
fi
[ "$relay" = 0 ] || relay_delay

out="${out:-results/$(date +%Y%m%d-%H%M%S)-lan-$profile}"
cd "$root"
rc=0
if [ "$lan_only" = 0 ]; then
  echo "== loopback (client and server on this machine's loopback)"
  scripts/run-bench.sh --out "$out/loopback" --client-jvm-args "$client_jvm_args" ${pass[@]+"${pass[@]}"} || rc=$?
fi
baseline=()
[ ! -s "$out/loopback/results.json" ] || baseline=(--baseline "$out/loopback/results.json")
lan_rc=0
if [ "$relay" = 1 ]; then
  echo "== emulated LAN, relay mode (loopback; a relay in each JMH fork adds $delay each way)"
  scripts/run-bench.sh --out "$out/lan" --client-jvm-args "$client_jvm_args -Drpcbench.net.delay=$delay" \
    ${baseline[@]+"${baseline[@]}"} ${pass[@]+"${pass[@]}"} || lan_rc=$?
else
  echo "== emulated LAN (client in $cli, servers in $srv)"
  ip netns exec "$cli" "$root/scripts/run-bench.sh" --out "$out/lan" --server-prefix "ip netns exec $srv" \
    --client-jvm-args "$client_jvm_args -Drpcbench.server.bind=$srv_ip" \
    ${baseline[@]+"${baseline[@]}"} ${pass[@]+"${pass[@]}"} || lan_rc=$?
fi
[ "$rc" -ne 0 ] || rc=$lan_rc
echo "lan-emulation: results in $out (exit code $rc)"
exit "$rc"
