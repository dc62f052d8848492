#!/usr/bin/env bash
# A real two-host run on one Linux machine: network namespaces rpcb-rsrv (10.78.0.1) and rpcb-rcli
# (10.78.0.2) joined by a veth pair (scripts/lan-emulation.sh's topology, on its own names and
# subnet), a real OpenSSH server in rpcb-rsrv with a host key and a client key made for this run,
# and a run from rpcb-rcli with --remote-host: benchmarks.jar is copied over ssh, every server
# started there and stopped with its ssh connection. Checks that every benchmark x transport has a
# score and the server.* metrics, that a second command finds the copy cached, that the errors users
# hit are one line each (with --error-checks), and that no rpc-bench process survives in either
# namespace. Everything is torn down on exit, failure and Ctrl-C. Needs root and iproute2; installs
# openssh-server (and nftables for --error-checks) with apt-get when missing.
# Traffic stays inside the two namespaces.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
srv=rpcb-rsrv cli=rpcb-rcli srv_ip=10.78.0.1 cli_ip=10.78.0.2 absent_ip=10.78.0.3
jar="$root/benchmarks/target/benchmarks.jar"
# shellcheck source=veth-pair.sh
. "$root/scripts/veth-pair.sh"

usage() {
  cat <<'EOF'
usage: sudo scripts/two-host.sh [--profile smoke] [--benchmarks REGEX] [--transports a,b] [--out DIR]
                                [--delay 1ms] [--loopback] [--load CLIENTSxCALLS] [--error-checks]
                                [--client-cpus LIST] [--server-cpus LIST]
  --profile      run's profile (default smoke)
  --benchmarks   JMH's filter (default 'SimpleCallBenchmark|ConnectBenchmark')
  --transports   default: every transport
  --delay        also a run with this delay each way: tc netem on both veth ends where the kernel has
                 it, else the relay (-Drpcbench.net.delay) in the client's forks
  --loopback     also the same run with client and server on this machine's loopback (first)
  --load         also `load --clients N --calls M` (default 10x100) over the two hosts (and on loopback
                 with --loopback); 0 skips it
  --error-checks the errors users hit, each one line: host unreachable, port refused, key refused, no
                 java there, a port blocked by a firewall (nftables), bad values
  --client-cpus, --server-cpus   pin client and servers (the servers by taskset on the "remote" side)
  --client-jvm-args  more flags of every run's benchmark JVM (one string)
  --out          results folder (default results/<yyyyMMdd-HHmmss>-two-host)
EOF
}

fail() { echo "two-host: $*" >&2; exit 2; }
profile=smoke benchmarks='SimpleCallBenchmark|ConnectBenchmark' transports="" out="" delay="" loopback=0
load=10x100 error_checks=0 client_cpus="" server_cpus="" client_jvm_args=""
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --profile|--benchmarks|--transports|--out|--delay|--load|--client-cpus|--server-cpus|--client-jvm-args)
      [ $# -ge 2 ] || fail "$1 needs a value" ;;&
    --profile) profile="$2"; shift 2 ;;
    --benchmarks) benchmarks="$2"; shift 2 ;;
    --transports) transports="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --delay) delay="$2"; shift 2 ;;
    --load) load="$2"; shift 2 ;;
    --client-cpus) client_cpus="$2"; shift 2 ;;
    --server-cpus) server_cpus="$2"; shift 2 ;;
    --client-jvm-args) client_jvm_args="$2"; shift 2 ;;
    --loopback) loopback=1; shift ;;
    --error-checks) error_checks=1; shift ;;
    *) fail "unknown option '$1' (see --help)" ;;
  esac
done
[[ "$load" =~ ^(0|[1-9][0-9]*x[1-9][0-9]*)$ ]] || fail "--load '$load' is not CLIENTSxCALLS (for example 10x100) or 0"
[ -z "$delay" ] || [[ "$delay" =~ ^[0-9]+(\.[0-9]+)?(us|ms)$ ]] || fail "--delay '$delay' is not a delay such as 150us or 1ms"
[ "$(id -u)" = 0 ] || fail "needs root (network namespaces and an sshd of its own)"
command -v ip >/dev/null || fail "needs iproute2 (apt-get install -y iproute2)"
[ -s "$jar" ] || fail "no $jar: build it first (./mvnw -B -ntp package -DskipTests)"

# Debian's packages, installed when missing (a fresh CI machine has no sshd).
need_packages() {
  local missing=()
  [ -x /usr/sbin/sshd ] || missing+=(openssh-server)
  command -v ssh >/dev/null || missing+=(openssh-client)
  [ "$error_checks" = 0 ] || command -v nft >/dev/null || missing+=(nftables)
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "two-host: installing ${missing[*]} with apt-get"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null ||
    { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      "${missing[@]}" >/dev/null; } || fail "cannot install ${missing[*]} with apt-get"
}

tmp="" sshd_pid=""
# Kills whatever is left in the namespaces (sshd, and rpc-bench processes, which fail the run), then removes them.
teardown() {
  local ns pid
  [ -z "$sshd_pid" ] || kill "$sshd_pid" 2>/dev/null || true
  for ns in "$srv" "$cli"; do
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$pid" 2>/dev/null || true; done
    ip netns del "$ns" 2>/dev/null || true
  done
  [ -z "$tmp" ] || rm -rf "$tmp"
}
trap 'exit 130' INT
trap 'exit 143' TERM

build_hosts() {
  if ip netns list | grep -qE "^($srv|$cli)( |$)"; then
    echo "two-host: removing namespaces left by an earlier run"
    teardown
  fi
  trap teardown EXIT
  tmp=$(mktemp -d /tmp/rpcb-two-host.XXXXXX)
  veth_pair "$srv" rpcb-rs "$srv_ip" "$cli" rpcb-rc "$cli_ip"
}

# An sshd of this run's own in the server namespace: its own host key, config, pid file; root logs in with the run's key only.
start_sshd() {
  ssh-keygen -q -t ed25519 -N '' -C rpcb-two-host-host -f "$tmp/host_key"
  ssh-keygen -q -t ed25519 -N '' -C rpcb-two-host-client -f "$tmp/client_key"
  ssh-keygen -q -t ed25519 -N '' -C rpcb-two-host-unknown -f "$tmp/unknown_key"
  cp "$tmp/client_key.pub" "$tmp/authorized_keys"
  echo "$srv_ip $(cut -d ' ' -f 1,2 "$tmp/host_key.pub")" >"$tmp/known_hosts"
  cat >"$tmp/sshd_config" <<EOF
ListenAddress $srv_ip
Port 22
HostKey $tmp/host_key
AuthorizedKeysFile $tmp/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PidFile $tmp/sshd.pid
Subsystem sftp internal-sftp
EOF
  # rpcb-stranger is the same host with a key it does not know; rpcb-new-host-key is it with an unknown host key
  cat >"$tmp/ssh_config" <<EOF
Host rpcb-server
  HostName $srv_ip
  User root
  IdentityFile $tmp/client_key
Host rpcb-stranger
  HostName $srv_ip
  User root
  IdentityFile $tmp/unknown_key
Host rpcb-new-host-key
  HostName $srv_ip
  User root
  IdentityFile $tmp/client_key
  UserKnownHostsFile /dev/null
Host *
  UserKnownHostsFile $tmp/known_hosts
  GlobalKnownHostsFile /dev/null
  StrictHostKeyChecking yes
  IdentitiesOnly yes
EOF
  mkdir -p /run/sshd # its privilege separation folder
  ip netns exec "$srv" /usr/sbin/sshd -f "$tmp/sshd_config" -E "$tmp/sshd.log" ||
    { cat "$tmp/sshd.log" >&2; fail "sshd did not start in $srv"; }
  local i
  for i in $(seq 50); do
    [ -s "$tmp/sshd.pid" ] && ip netns exec "$cli" ssh -F "$tmp/ssh_config" -o BatchMode=yes rpcb-server true \
      2>/dev/null && break
    [ "$i" -lt 50 ] || { cat "$tmp/sshd.log" >&2; fail "sshd in $srv does not answer on $srv_ip:22"; }
    sleep 0.1
  done
  sshd_pid=$(cat "$tmp/sshd.pid")
  echo "two-host: sshd (pid $sshd_pid) in $srv on $srv_ip:22, host key and client key made for this run"
}

# The settings of every command against the "remote" host: the run's ssh config, a cache folder of its own, this java.
remote_flags() {
  echo "-Drpcbench.server.remote.sshOptions='-F $tmp/ssh_config' -Drpcbench.server.remote.dir=$tmp/remote-cache"\
    "-Drpcbench.server.remote.java=$(readlink -f "$(command -v java)")"
}

# Fails when an rpc-bench process (a server, a fork, the run) is still running in either namespace
# ($2: seconds they may take to go, after a Ctrl-C).
check_no_survivors() {
  local ns pid left=() i
  for i in $(seq "${2:-0}"); do
    survivors || break
    sleep 1
  done
  for ns in "$srv" "$cli"; do
    for pid in $(ip netns pids "$ns"); do
      [ "$pid" = "$sshd_pid" ] && continue
      if tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q rpcbench; then
        left+=("$ns:$pid:$(tr '\0' ' ' <"/proc/$pid/cmdline" | cut -c 1-120)")
      fi
    done
  done
  if [ ${#left[@]} -gt 0 ]; then
    printf 'two-host: left behind: %s\n' "${left[@]}" >&2
    echo "two-host: rpc-bench processes survived ($1)" >&2
    exit 1
  fi
  echo "two-host: no rpc-bench process left in $srv or $cli ($1)"
}

# Whether an rpc-bench process runs in either namespace.
survivors() {
  local pid
  for pid in $(ip netns pids "$srv") $(ip netns pids "$cli"); do
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q rpcbench && return 0
  done
  return 1
}

need_packages
build_hosts
start_sshd
out="${out:-results/$(date +%Y%m%d-%H%M%S)-two-host}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
cd "$root"
pins=()
[ -z "$client_cpus" ] || pins+=(--client-cpus "$client_cpus")
[ -z "$server_cpus" ] || pins+=(--server-cpus "$server_cpus")
sel=(--profile "$profile" --benchmarks "$benchmarks")
[ -z "$transports" ] || sel+=(--transports "$transports")
load_args=()
if [ "$load" != 0 ]; then
  load_args=(load --clients "${load%x*}" --calls "${load#*x}" --limit-seconds 300)
  [ -z "$transports" ] || load_args+=(--transports "$transports")
fi
# load pinned as the runs are: client by taskset, servers by rpcbench.server.cpus (taskset on the remote side)
load_pin=()
[ -z "$client_cpus" ] || load_pin=(taskset -c "$client_cpus")
load_server_pin=()
[ -z "$server_cpus" ] || load_server_pin=("-Drpcbench.server.cpus=$server_cpus")

rc=0
if [ "$loopback" = 1 ]; then
  echo "== loopback (client and servers on this machine)"
  java -jar "$jar" run "${sel[@]}" ${pins[@]+"${pins[@]}"} --client-jvm-args "$client_jvm_args" \
    --out "$out/loopback" || rc=$?
  if [ "$load" != 0 ]; then
    ${load_pin[@]+"${load_pin[@]}"} java ${load_server_pin[@]+"${load_server_pin[@]}"} -jar "$jar" "${load_args[@]}" \
      | tee "$out/loopback-load.txt" || rc=$?
  fi
fi

echo "== two hosts: client in $cli ($cli_ip), servers over ssh in $srv ($srv_ip)"
eval "flags=($(remote_flags))"
ip netns exec "$cli" java -jar "$jar" run "${sel[@]}" ${pins[@]+"${pins[@]}"} --remote-host rpcb-server \
  --client-jvm-args "$(remote_flags) $client_jvm_args" --out "$out/two-host" || rc=$?
grep -q 'copied benchmarks.jar' "$out/two-host/console.log" ||
  { echo "two-host: the first run did not copy the jar to the remote folder" >&2; exit 1; }
for metric in '·server.cpu' '·server.rss.peak'; do
  grep -qF "\"$metric\"" "$out/two-host/results.json" ||
    { echo "two-host: the two-host results have no $metric metric" >&2; exit 1; }
done
check_no_survivors "after the two-host run"
if [ "$load" != 0 ]; then
  ip netns exec "$cli" ${load_pin[@]+"${load_pin[@]}"} java "${flags[@]}" ${load_server_pin[@]+"${load_server_pin[@]}"} \
    -Drpcbench.server.remote=rpcb-server -jar "$jar" "${load_args[@]}" | tee "$out/two-host-load.txt" || rc=$?
  grep -q 'not copied' "$out/two-host-load.txt" ||
    { echo "two-host: the second command copied the jar again (no cached deployment)" >&2; exit 1; }
  check_no_survivors "after the two-host load"
fi

if [ -n "$delay" ]; then
  netem_ok=1
  for side in "$srv rpcb-rs" "$cli rpcb-rc"; do
    read -r ns dev <<<"$side"
    ip netns exec "$ns" tc qdisc add dev "$dev" root netem delay "$delay" 2>/dev/null || netem_ok=0
  done
  if [ "$netem_ok" = 1 ]; then
    echo "== two hosts with tc netem delay $delay on each veth end"
    delay_flags="$(remote_flags)"
  else
    echo "== two hosts with a relay in each client fork adding $delay each way (tc netem is not available here)"
    delay_flags="$(remote_flags) -Drpcbench.net.delay=$delay"
  fi
  ip netns exec "$cli" java -jar "$jar" run "${sel[@]}" ${pins[@]+"${pins[@]}"} --remote-host rpcb-server \
    --client-jvm-args "$delay_flags $client_jvm_args" --out "$out/two-host-delay" || rc=$?
  check_no_survivors "after the delayed two-host run"
fi

if [ "$error_checks" = 1 ]; then
  # Each error: the exit code and exactly one line on stderr holding the expected words.
  expect_line() {
    local what="$1" code="$2" words="$3" got err
    shift 3
    err="$tmp/error.txt"
    got=0
    ip netns exec "$cli" "$@" >/dev/null 2>"$err" || got=$?
    if [ "$got" != "$code" ] || [ "$(grep -c . "$err")" != 1 ] || ! grep -q -- "$words" "$err"; then
      echo "two-host: $what: expected exit code $code and one line with '$words', got exit code $got and:" >&2
      cat "$err" >&2
      exit 1
    fi
    echo "two-host: $what: $(cat "$err")"
  }
  # An error found once a server runs (its port) is the load's line for that transport, on stdout.
  expect_output() {
    local what="$1" words="$2" got=0
    shift 2
    ip netns exec "$cli" "$@" >"$tmp/error.txt" 2>&1 || got=$?
    if [ "$got" != 1 ] || [ "$(grep -c -- "$words" "$tmp/error.txt")" != 1 ]; then
      echo "two-host: $what: expected exit code 1 and one line with '$words', got exit code $got and:" >&2
      cat "$tmp/error.txt" >&2
      exit 1
    fi
    echo "two-host: $what: $(grep -- "$words" "$tmp/error.txt" | sed 's/^ *//')"
  }
  one_call=(-jar "$jar" load --transports tcp --clients 1 --calls 1 --limit-seconds 30)
  expect_line "host unreachable" 1 "is unreachable (ssh: connect to host $absent_ip port 22: No route to host)" \
    java "${flags[@]}" -Drpcbench.server.remote=root@$absent_ip "${one_call[@]}"
  expect_line "no sshd there" 1 "nothing accepts ssh connections there" \
    java "${flags[@]}" -Drpcbench.server.remote=root@$cli_ip "${one_call[@]}"
  expect_line "key refused" 1 "refused the authentication" \
    java "${flags[@]}" -Drpcbench.server.remote=rpcb-stranger "${one_call[@]}"
  expect_line "unknown host key" 1 "its host key is not known here or has changed" \
    java "${flags[@]}" -Drpcbench.server.remote=rpcb-new-host-key "${one_call[@]}"
  expect_line "no java there" 1 "has no /nonexistent/java" \
    java "${flags[@]}" -Drpcbench.server.remote.java=/nonexistent/java -Drpcbench.server.remote=rpcb-server "${one_call[@]}"
  expect_line "bad host value" 2 "rpcbench.server.remote=-oProxyCommand=x is not" \
    java -jar "$jar" run --profile smoke --remote-host=-oProxyCommand=x --dry-run --out "$tmp/never"
  expect_line "remote and address" 2 "give one of them" \
    java -jar "$jar" run --profile smoke --remote-host rpcb-server --server-address 127.0.0.1:1 --transports tcp \
    --dry-run --out "$tmp/never"
  # A firewall in the server namespace that lets ssh in and refuses every other port.
  ip netns exec "$srv" nft -f - <<'EOF'
table inet rpcb_fw {
  chain input {
    type filter hook input priority 0; policy accept;
    iif lo accept
    tcp dport 22 accept
    ct state established,related accept
    tcp flags syn reject with tcp reset
  }
}
EOF
  expect_output "port blocked by a firewall" "a firewall there or between blocks the port" \
    java "${flags[@]}" -Drpcbench.server.remote=rpcb-server -jar "$jar" load --transports tcp --clients 1 --calls 1
  ip netns exec "$srv" nft delete table inet rpcb_fw
  check_no_survivors "after the error checks"

  # Ctrl-C in the middle of a run: SIGINT to the run's whole process group, as a terminal sends it (python3 gives
  # the background run a group of its own, and SIGINT back, which a shell's background job starts without).
  echo "two-host: Ctrl-C in the middle of a two-host run"
  ip netns exec "$cli" python3 -c 'import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.setpgid(0, 0);
os.execvp(sys.argv[1], sys.argv[1:])' java -jar "$jar" run --profile quick --benchmarks SimpleCallBenchmark \
    --transports grpc --remote-host rpcb-server --client-jvm-args "$(remote_flags) $client_jvm_args" \
    --out "$tmp/ctrl-c" >"$tmp/ctrl-c.log" 2>&1 &
  run_pid=$!
  for i in $(seq 120); do
    ip netns pids "$srv" | xargs -r -I{} cat /proc/{}/cmdline 2>/dev/null | tr '\0' ' ' | grep -q rpcbench.server.ServerMain &&
      break
    [ "$i" -lt 120 ] || { cat "$tmp/ctrl-c.log" >&2; fail "no remote server started within 60 s"; }
    sleep 0.5
  done
  sleep 2 # into the measurement
  kill -INT -- "-$run_pid"
  for i in $(seq 60); do kill -0 "$run_pid" 2>/dev/null || break; sleep 0.5; done
  ! kill -0 "$run_pid" 2>/dev/null || { cat "$tmp/ctrl-c.log" >&2; fail "the run did not stop within 30 s of Ctrl-C"; }
  wait "$run_pid" || true
  check_no_survivors "after Ctrl-C" 15
fi

echo "two-host: results in $out (exit code $rc)"
exit "$rc"
