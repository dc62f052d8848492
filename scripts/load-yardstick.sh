#!/usr/bin/env bash
# The yardstick for rpc-bench's load benchmarks (issue 12): each framework's own load tool against a
# server on this machine, client and server pinned to separate CPUs, in one sitting.
#   grpc: grpc-java's qps AsyncClient against its qps AsyncServer (io.grpc:grpc-benchmarks, resolved
#         by scripts/yardstick/pom.xml), N channels with 1 outstanding unary RPC each.
#   http: Debian's wrk, one thread and N connections, against rpc-bench's own Jetty server
#         (`benchmarks.jar server --transport http`), every answer checked by simple-call.lua.
# Every measurement runs in a private network and PID namespace of its own (unshare): AsyncServer
# binds the wildcard address, so there only loopback reaches it; and when the namespace's first
# process dies the kernel kills everything inside, so no server outlives the script on any exit path.
# --tls runs both sides over TLS: the qps tools with their own test certificate (server --tls, client
# --tls --testca; with
# netty-tcnative on their classpath they use OpenSSL, so rpc-bench's gRPC runs with
# rpcbench.grpc.tls.provider=openssl), wrk over https (OpenSSL, no certificate check) against
# rpc-bench's Jetty server with -Drpcbench.tls=true, rpc-bench's generator with -p tls=true.
# Output: one TSV line per measurement on stdout and in OUT/results.tsv, then medians per
# configuration; raw logs (and the jar and classpath used) stay in OUT. Exit 1 if any run failed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

runs=3 duration=10 warmup=5 connections=1,4,16 only="" out="" jar="$root/benchmarks/target/benchmarks.jar"
common_rate=5000 sides=both tls=false
client_cpus=0 server_cpus=1
# netty_epoll, not the qps tools' default netty_nio: rpc-bench's gRPC runs epoll on Linux (GrpcConfig,
# as grpc-java's own benchmark driver does), and the yardstick must run what it is compared with.
grpc_transport=netty_epoll
# rpc-bench starts every server JVM with these flags (ServerLaunch.DEFAULT_JVM_ARGS); the yardstick's
# JVMs, servers and qps client alike, get the same, so heap sizing is no difference between the sides.
jvm_args="-Xms256m -Xmx2g"
[ "$(nproc)" -ge 2 ] || server_cpus=0 # one core: both sides must share it (said in the summary)

usage() {
  cat <<EOF
usage: scripts/load-yardstick.sh [options]
  --runs N                 measurements per configuration; the summary shows their median (default $runs)
  --duration SECONDS       measured time of each run (default $duration)
  --warmup SECONDS         unmeasured load before it, same server and connections (default $warmup)
  --connections LIST       connection (gRPC: channel) counts, e.g. 1,4,16 (default $connections)
  --client-cpus LIST       taskset -c LIST for the load tool (default $client_cpus)
  --server-cpus LIST       taskset -c LIST for the server (default $server_cpus)
  --only grpc|http         run one transport only (default both)
  --sides both|tools|ours  the frameworks' tools, rpc-bench's CapacityBenchmark and RateBenchmark, or both
                           (default $sides): rpc-bench runs pinned by its own placement (its generator on the
                           lower half of the CPUs given, its server on the upper half)
  --common-rate N          calls/s at which grpc-java's qps OpenLoopClient and rpc-bench's RateBenchmark
                           (1 connection) compare p50 (default $common_rate); wrk has no rate option
  --jar PATH               rpc-bench's benchmarks.jar, for its HTTP server (default $jar)
  --grpc-transport NAME    netty_epoll (default: what rpc-bench's gRPC uses on Linux) or netty_nio
  --tls                    both sides over TLS 1.3 (see the comment at the top of this script)
  --jvm-args 'ARGS'        flags of every JVM started (default '$jvm_args', rpc-bench's server default)
  --out DIR                folder for results.tsv and raw logs (default: a new folder under /tmp)
Prints one tab-separated line per measurement (tool transport connections run calls_per_s p50_us
p99_us errors status), then the median of the ok runs per configuration; exit code 1 if a run failed.
Needs root (unshare --net), taskset and a JDK; installs wrk with apt-get when it is missing and
resolves io.grpc:grpc-benchmarks with ./mvnw from scripts/yardstick/pom.xml.
EOF
}

fail() { echo "load-yardstick: $*" >&2; exit 2; }
need() { [ $# -ge 2 ] || fail "$1 needs a value (see --help)"; }
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --runs) need "$@"; runs=$2; shift 2 ;;
    --duration) need "$@"; duration=$2; shift 2 ;;
    --warmup) need "$@"; warmup=$2; shift 2 ;;
    --connections) need "$@"; connections=$2; shift 2 ;;
    --client-cpus) need "$@"; client_cpus=$2; shift 2 ;;
    --server-cpus) need "$@"; server_cpus=$2; shift 2 ;;
    --only) need "$@"; only=$2; shift 2 ;;
    --sides) need "$@"; sides=$2; shift 2 ;;
    --common-rate) need "$@"; common_rate=$2; shift 2 ;;
    --jar) need "$@"; jar=$2; shift 2 ;;
    --grpc-transport) need "$@"; grpc_transport=$2; shift 2 ;;
    --jvm-args) need "$@"; jvm_args=$2; shift 2 ;;
    --tls) tls=true; shift ;;
    --out) need "$@"; out=$2; shift 2 ;;
    *) fail "unknown option '$1' (see --help)" ;;
  esac
done
case "$runs" in ''|*[!0-9]*|0) fail "--runs takes a whole number >= 1" ;; esac
case "$duration" in ''|*[!0-9]*|0) fail "--duration takes whole seconds >= 1" ;; esac
case "$warmup" in ''|*[!0-9]*) fail "--warmup takes whole seconds >= 0" ;; esac
case "$connections" in ''|*[!0-9,]*|*,,*|,*|*,) fail "--connections takes a list like 1,4,16" ;; esac
case ",$connections," in *,0,*) fail "--connections: 0 connections measure nothing" ;; esac
case "$only" in ''|grpc|http) ;; *) fail "--only takes grpc or http" ;; esac
case "$sides" in both|tools|ours) ;; *) fail "--sides takes both, tools or ours" ;; esac
case "$common_rate" in ''|*[!0-9]*|0) fail "--common-rate takes calls per second >= 1" ;; esac
case "$grpc_transport" in netty_epoll|netty_nio) ;; *) fail "--grpc-transport takes netty_epoll or netty_nio" ;; esac
[ "$(id -u)" -eq 0 ] || fail "needs root: each run gets a private network namespace (unshare --net)"
for tool in taskset unshare setpriv ip timeout java; do
  command -v "$tool" >/dev/null || fail "$tool is not installed"
done
taskset -c "$client_cpus" true 2>/dev/null || fail "--client-cpus '$client_cpus' is not a CPU list of this machine"
taskset -c "$server_cpus" true 2>/dev/null || fail "--server-cpus '$server_cpus' is not a CPU list of this machine"
[ "$only" = grpc ] || [ -f "$jar" ] || fail "$jar is missing: build it with ./mvnw -B -ntp verify or pass --jar"
IFS=, read -r -a conn_list <<<"$connections"
# What TLS adds to each side's command line (words, split where used).
grpc_server_tls="" grpc_tls_args="" http_server_args="" scheme=http ours_tls_args=""
if [ "$tls" = true ]; then
  grpc_server_tls="--tls" grpc_tls_args="--tls --testca" http_server_args="-Drpcbench.tls=true" scheme=https
  ours_tls_args="-Drpcbench.grpc.tls.provider=openssl"
fi

out="${out:-$(mktemp -d /tmp/load-yardstick.XXXXXX)}"
mkdir -p "$out"
results="$out/results.tsv"

# The one process running in the background at a time (a run's namespace, or Maven), so that a
# signal reaches the trap at once (bash runs traps between commands, and `wait` is one it interrupts).
child="" child_signal=TERM
cleanup() {
  # KILL for a namespace: unshare ignores TERM while it waits, and --kill-child turns its death into
  # the death of everything inside. TERM for Maven, which timeout passes on.
  [ -z "$child" ] || kill -s "$child_signal" "$child" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
in_background() { # SIGNAL COMMAND...: run it, interruptibly; returns its exit code
  child_signal=$1; shift
  "$@" &
  child=$!
  local rc=0
  wait "$child" || rc=$?
  child=""
  return "$rc"
}

# --- tools, from the project's own files -----------------------------------------------------------
grpc_cp=""
setup_grpc() {
  # Resolved into a classpath file, nothing copied or committed: the jars stay in the local Maven
  # repository. The version is the pom's (1.79.0, the newest grpc-benchmarks this mirror serves).
  echo "load-yardstick: resolving io.grpc:grpc-benchmarks with ./mvnw (scripts/yardstick/pom.xml)" >&2
  in_background TERM timeout 600 "$root/mvnw" -B -ntp -q -f "$here/yardstick/pom.xml" \
    dependency:build-classpath -Dmdep.outputFile="$out/grpc-benchmarks.classpath" >"$out/maven.log" 2>&1 ||
    { cat "$out/maven.log" >&2; fail "could not resolve io.grpc:grpc-benchmarks (log: $out/maven.log)"; }
  grpc_cp=$(cat "$out/grpc-benchmarks.classpath")
}
setup_http() {
  if ! command -v wrk >/dev/null; then
    echo "load-yardstick: installing Debian's wrk" >&2
    { apt-get update -qq && apt-get install -y -qq wrk; } >"$out/apt.log" 2>&1 ||
      fail "apt-get install wrk failed (log: $out/apt.log)"
  fi
  # The jar the sitting measures is a copy, so that a rebuild of benchmarks/target meanwhile does
  # not change the server half-way, and it stays beside the figures.
  cp "$jar" "$out/benchmarks.jar"
  jar="$out/benchmarks.jar"
}

# --- inside a run's namespace ----------------------------------------------------------------------
# These run as `bash -c` inside `unshare` (exported with export -f), with the run's folder prefix as
# $1. Each tool has a timeout of its own; the namespace as a whole has one more.
start_server() { # PREFIX COMMAND...: starts the pinned server in the background, sets $server
  local p=$1; shift
  note "$p" "server: taskset -c $server_cpus timeout -s KILL $((warmup + duration + 90))" "$@"
  taskset -c "$server_cpus" timeout -s KILL $((warmup + duration + 90)) "$@" >"$p.server.log" 2>&1 &
  server=$!
}
run_client() { # PREFIX LOG SECONDS COMMAND...: the pinned load tool, in the foreground
  local p=$1 log=$2 limit=$3; shift 3
  note "$p" "client: taskset -c $client_cpus timeout -k 5 $limit" "$@"
  taskset -c "$client_cpus" timeout -k 5 "$limit" "$@" >"$log" 2>&1
}
note() { # PREFIX WORDS...: the exact command, into PREFIX.commands (the classpath by its file's name)
  local p=$1 line; shift
  line="$*"
  # shellcheck disable=SC2016 # the $(cat ...) is for the reader to run, not for this shell
  [ -z "$grpc_cp" ] || line=${line//"$grpc_cp"/'$(cat grpc-benchmarks.classpath)'}
  echo "$line" >>"$p.commands"
}
await_line() { # PATTERN LOG: waits up to 60 s for a line of the server's log; fails if it died
  local i
  for ((i = 0; i < 600; i++)); do
    grep -q "$1" "$2" && return 0
    kill -0 "$server" 2>/dev/null || { echo "server exited before '$1'" >>"$2"; return 1; }
    sleep 0.1
  done
  echo "no '$1' within 60 s" >>"$2"
  return 1
}
record_affinity() { # PREFIX: the server's placement as the kernel has it (timeout and its java)
  local pid
  for pid in "$server" $(pgrep -P "$server"); do taskset -cp "$pid"; done >"$1.affinity" 2>&1 || true
}
stop_server() { # LOG: SIGTERM (both servers stop on it), KILL after 10 s; the log says which
  local i rc=0
  kill -TERM "$server" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$server" 2>/dev/null && { echo "load-yardstick: server ignored SIGTERM for 10 s: KILL" >>"$1"; kill -KILL "$server"; }
  wait "$server" || rc=$?
  echo "load-yardstick: server exit code $rc" >>"$1"
}

grpc_in_namespace() { # PREFIX CHANNELS
  local p=$1 channels=$2 port=50051 rc=0 jvm secure # any fixed port: the namespace is ours alone
  read -r -a jvm <<<"$jvm_args" # the flags are words on purpose
  read -r -a secure <<<"$grpc_tls_args"
  ip link set lo up
  start_server "$p" java "${jvm[@]}" -cp "$grpc_cp" io.grpc.benchmarks.qps.AsyncServer \
    --address=127.0.0.1:$port --transport="$grpc_transport" --directexecutor $grpc_server_tls
  await_line "QPS Server started" "$p.server.log" || return 3
  record_affinity "$p"
  # --outstanding_rpcs is per channel; payloads 0: the smallest unary call the service has.
  run_client "$p" "$p.client.log" $((warmup + duration + 60)) java "${jvm[@]}" -cp "$grpc_cp" \
    io.grpc.benchmarks.qps.AsyncClient --address=127.0.0.1:$port --transport="$grpc_transport" \
    --directexecutor "${secure[@]}" --channels="$channels" --outstanding_rpcs=1 --client_payload=0 --server_payload=0 \
    --warmup_duration="$warmup" --duration="$duration" --save_histogram="$p.hgrm" || rc=$?
  stop_server "$p.server.log"
  return "$rc"
}

http_in_namespace() { # PREFIX CONNECTIONS
  local p=$1 conns=$2 port url rc=0 jvm secure
  read -r -a jvm <<<"$jvm_args"
  read -r -a secure <<<"$http_server_args"
  # -t1: one load thread for the one client CPU (wrk wants -c >= -t, so any count >= 1 will do)
  local wrk_cmd=(wrk -t1 -c"$conns" --latency -s "$here/yardstick/simple-call.lua")
  ip link set lo up
  start_server "$p" java "${jvm[@]}" "${secure[@]}" -jar "$jar" server --transport http --port 0
  await_line "^READY " "$p.server.log" || return 3
  record_affinity "$p"
  port=$(awk '/^READY /{print $2; exit}' "$p.server.log")
  url="$scheme://127.0.0.1:$port/simple-call"
  # wrk has no warm-up of its own: a first run on the same server and connection count, not counted.
  if [ "$warmup" -gt 0 ]; then
    run_client "$p" "$p.warmup.log" $((warmup + 30)) "${wrk_cmd[@]}" -d"${warmup}s" "$url" || true
  fi
  run_client "$p" "$p.wrk.log" $((duration + 30)) "${wrk_cmd[@]}" -d"${duration}s" "$url" || rc=$?
  stop_server "$p.server.log"
  return "$rc"
}
grpc_open_loop_in_namespace() { # PREFIX RATE: qps OpenLoopClient (one channel) at a fixed rate
  local p=$1 rate=$2 port=50051 rc=0 jvm secure
  read -r -a jvm <<<"$jvm_args"
  read -r -a secure <<<"$grpc_tls_args"
  ip link set lo up
  start_server "$p" java "${jvm[@]}" -cp "$grpc_cp" io.grpc.benchmarks.qps.AsyncServer \
    --address=127.0.0.1:$port --transport="$grpc_transport" --directexecutor $grpc_server_tls
  await_line "QPS Server started" "$p.server.log" || return 3
  # It has no warm-up option and reports nothing for short runs: warm-up and measurement in one.
  run_client "$p" "$p.client.log" $((warmup + duration + 60)) java "${jvm[@]}" -cp "$grpc_cp" \
    io.grpc.benchmarks.qps.OpenLoopClient --address=127.0.0.1:$port --transport="$grpc_transport" \
    "${secure[@]}" --target_qps="$rate" --duration=$((warmup + duration)) --save_histogram="$p.hgrm" || rc=$?
  stop_server "$p.server.log"
  return "$rc"
}

ours_in_namespace() { # PREFIX BENCHMARK TRANSPORT CONNECTIONS [JMH OPTIONS...]: rpc-bench, pinned by itself
  local p=$1 bench=$2 transport=$3 conns=$4 jvm secure tls_param=()
  shift 4
  read -r -a jvm <<<"$jvm_args"
  read -r -a secure <<<"$ours_tls_args"
  [ "$scheme" = http ] || tls_param=(-p tls=true)
  ip link set lo up
  note "$p" "taskset -c $client_cpus,$server_cpus java ${secure[*]} -jar $jar $bench -p transport=$transport" \
    "-p connections=$conns ${tls_param[*]} $* -f 1 -i $duration -r 1s -rf json -rff $p.json"
  # The JMH fork pins itself and its server (placement=separate); the server JVM gets the same flags.
  taskset -c "$client_cpus,$server_cpus" timeout -k 5 300 java -Drpcbench.wire=false -Drpcbench.report=false \
    "${secure[@]}" "-Drpcbench.server.jvmArgs=$jvm_args" -jar "$jar" "$bench" -p "transport=$transport" \
    -p "connections=$conns" "${tls_param[@]}" "$@" -f 1 -i "$duration" -r 1s -rf json -rff "$p.json" >"$p.log" 2>&1
}
export -f start_server run_client note await_line record_affinity stop_server grpc_in_namespace http_in_namespace \
  grpc_open_loop_in_namespace ours_in_namespace
export warmup duration client_cpus server_cpus jvm_args grpc_transport here grpc_server_tls grpc_tls_args http_server_args scheme \
  ours_tls_args

in_namespace() { # FUNCTION PREFIX N: one run in a private network and PID namespace
  # --kill-child: if unshare dies (the trap's KILL), its child, the namespace's first process, is
  # killed, and with it every process in the namespace. setpriv --pdeathsig kills unshare when this
  # script dies without running its trap (kill -9). --mount-proc: a /proc of the namespace's own, so
  # its PIDs (pgrep -P) mean what they say. The inner timeout bounds the whole run.
  in_background KILL setpriv --pdeathsig KILL unshare --net --pid --fork --kill-child --mount-proc \
    timeout -s KILL $((warmup + duration + 330)) bash -c "set -uo pipefail; $1 \"\$@\"" _ "${@:2}"
}

# --- measurements: each prints one TSV line ------------------------------------------------------
printf 'tool\ttransport\tconnections\trun\tcalls_per_s\tp50_us\tp99_us\terrors\tstatus\n' | tee "$results"
emit() { # TOOL TRANSPORT CONNECTIONS RUN CALLS_PER_S P50 P99 ERRORS STATUS
  local IFS=$'\t'
  echo "$*" | tee -a "$results"
}

status_of() { # RC RATE ERRORS: a run with any error, or without figures, is a failed measurement
  if [ "$1" -ne 0 ]; then echo "failed(rc=$1)"
  elif [ -z "$2" ] || [ "$2" = 0 ]; then echo "failed(no figures)"
  elif [ "$3" -ne 0 ]; then echo "failed(errors)"
  else echo ok; fi
}

run_yardstick_grpc() { # CHANNELS RUN
  local p="$out/grpc-c$1-r$2" rc=0 qps p50 p99 errors
  in_namespace grpc_in_namespace "$p" "$1" || rc=$?
  # (|| true: a run whose server never started has no client log, and is a failed line, not the end.)
  # AsyncClient prints "QPS:   N" and "50%ile Latency (in micros):   N" lines. It never looks at
  # an answer's content; a failed RPC prints "Encountered an error" and ends the client (rc != 0).
  qps=$(awk -F': *' '$1=="QPS"{print $2}' "$p.client.log" 2>/dev/null || true)
  p50=$(awk -F': *' '$1=="50%ile Latency (in micros)"{print $2}' "$p.client.log" 2>/dev/null || true)
  p99=$(awk -F': *' '$1=="99%ile Latency (in micros)"{print $2}' "$p.client.log" 2>/dev/null || true)
  errors=$(grep -c "Encountered an error" "$p.client.log" 2>/dev/null || true)
  emit grpc-qps-AsyncClient grpc "$1" "$2" "${qps:--}" "${p50:--}" "${p99:--}" "${errors:-0}" \
    "$(status_of "$rc" "$qps" "${errors:-0}")"
}

run_yardstick_http() { # CONNECTIONS RUN
  local p="$out/http-c$1-r$2" rc=0 line rate="" p50="" p99="" errors=""
  in_namespace http_in_namespace "$p" "$1" || rc=$?
  line=$(grep '^YARDSTICK ' "$p.wrk.log" 2>/dev/null || true)
  if [ -n "$line" ]; then
    # errors: non-200 answers, wrong bodies, and wrk's socket errors (connect, read, write, timeout)
    read -r rate p50 p99 errors < <(awk '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      printf "%.0f %d %d %d\n", v["requests"] * 1e6 / v["duration_us"], v["p50_us"], v["p99_us"],
        v["bad_status"] + v["bad_body"] + v["connect"] + v["read"] + v["write"] + v["timeout"] }' <<<"$line")
  fi
  emit wrk http "$1" "$2" "${rate:--}" "${p50:--}" "${p99:--}" "${errors:--}" "$(status_of "$rc" "$rate" "$errors")"
}

run_yardstick_grpc_rate() { # RATE RUN: p50 at a common rate, grpc-java's open-loop client
  local p="$out/grpc-rate$1-r$2" rc=0 qps p50 p99
  in_namespace grpc_open_loop_in_namespace "$p" "$1" || rc=$?
  qps=$(awk -F': *' '$1=="Actual QPS"{print $2}' "$p.client.log" 2>/dev/null || true)
  p50=$(awk -F': *' '$1=="50%ile Latency (in micros)"{print $2}' "$p.client.log" 2>/dev/null || true)
  p99=$(awk -F': *' '$1=="99%ile Latency (in micros)"{print $2}' "$p.client.log" 2>/dev/null || true)
  emit "grpc-qps-OpenLoop@$1" grpc 1 "$2" "${qps:--}" "${p50:--}" "${p99:--}" 0 "$(status_of "$rc" "$qps" 0)"
}

run_ours() { # BENCHMARK TRANSPORT CONNECTIONS RUN [JMH OPTIONS...]: rpc-bench's figure, the same line format
  local bench=$1 transport=$2 conns=$3 run=$4 p rc=0 row tool
  shift 4
  p="$out/ours-$bench-$transport-c$conns-r$run"
  in_namespace ours_in_namespace "$p" "$bench" "$transport" "$conns" "$@" || rc=$?
  row=$(java -cp "$jar" "$here/yardstick/LoadRows.java" "$p.json" 2>>"$p.log" | head -n 1 || true)
  local rate achieved p50 p99 failed
  IFS=$'\t' read -r _ _ rate _ achieved p50 p99 failed <<<"$row"
  tool="rpc-bench-${bench%Benchmark}"
  [ "$bench" = CapacityBenchmark ] || tool="$tool@$rate"
  emit "$tool" "$transport" "$conns" "$run" "${achieved:--}" "${p50:--}" "${p99:--}" "${failed:--}" \
    "$(status_of "$rc" "${achieved:-}" "${failed%.*}")"
}

# --- the sitting ---------------------------------------------------------------------------------
{
  echo "date: $(date -u +%FT%TZ)"; echo "host: $(uname -srm), $(nproc) CPUs"; java -version 2>&1 | head -n 1
  echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)" # a busy machine shows here
  echo "options: runs=$runs duration=$duration warmup=$warmup connections=$connections client_cpus=$client_cpus"\
       "server_cpus=$server_cpus grpc_transport=$grpc_transport jvm_args=$jvm_args only=${only:-both} tls=$tls"
} >"$out/env.txt"
if [ "$only" != http ]; then setup_grpc; tr ':' '\n' <"$out/grpc-benchmarks.classpath" | grep -o 'grpc-benchmarks-[^/]*\.jar' >>"$out/env.txt"; fi
if [ "$only" != grpc ]; then setup_http; wrk -v 2>&1 | head -n 1 >>"$out/env.txt" || true; fi
export grpc_cp jar
[ "$client_cpus" != "$server_cpus" ] || echo "load-yardstick: client and server share CPUs $client_cpus" >&2

# Runs are interleaved (run 1 of every configuration, then run 2, ...) so that a slow spell of a
# shared machine spreads over all configurations instead of landing on one. Each tool's figure is
# followed by rpc-bench's for the same transport and connections (CapacityBenchmark: the highest rate
# it sustains; the tools' are their closed-loop maximum with one call in flight per connection).
for ((run = 1; run <= runs; run++)); do
  for c in "${conn_list[@]}"; do
    if [ "$only" != http ]; then
      [ "$sides" = ours ] || run_yardstick_grpc "$c" "$run"
      [ "$sides" = tools ] || run_ours CapacityBenchmark grpc "$c" "$run"
    fi
    if [ "$only" != grpc ]; then
      [ "$sides" = ours ] || run_yardstick_http "$c" "$run"
      [ "$sides" = tools ] || run_ours CapacityBenchmark http "$c" "$run"
    fi
  done
  if [ "$only" != http ]; then
    [ "$sides" = ours ] || run_yardstick_grpc_rate "$common_rate" "$run"
    [ "$sides" = tools ] || run_ours RateBenchmark grpc 1 "$run" -p "rate=$common_rate" -wi "$warmup" -w 1s
  fi
done

echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$out/env.txt"
# Median of the ok runs per configuration (the mean of the middle two for an even count).
echo
echo "medians of $runs (client CPUs $client_cpus, server CPUs $server_cpus; raw logs in $out)"
awk -F'\t' 'NR > 1 { key = $1 FS $2 FS $3; if (!(key in seen)) { seen[key] = 1; order[++n] = key }
    total[key]++; if ($9 == "ok") { k = ++ok[key]; rate[key, k] = $5; p50[key, k] = $6; p99[key, k] = $7 } }
  function median(arr, key, m,   i, j, t, v) {
    for (i = 1; i <= m; i++) v[i] = arr[key, i] + 0
    for (i = 2; i <= m; i++) { t = v[i]; for (j = i - 1; j >= 1 && v[j] > t; j--) v[j + 1] = v[j]; v[j + 1] = t }
    return m % 2 ? v[(m + 1) / 2] : (v[m / 2] + v[m / 2 + 1]) / 2 }
  END { printf "%-22s %-5s %5s %8s %12s %9s %9s\n", "tool", "trans", "conns", "ok_runs", "calls_per_s", "p50_us", "p99_us"
    for (i = 1; i <= n; i++) { key = order[i]; split(key, f, FS); m = ok[key] + 0
      if (m) printf "%-22s %-5s %5s %8s %12.0f %9.1f %9.1f\n", f[1], f[2], f[3], m "/" total[key],
        median(rate, key, m), median(p50, key, m), median(p99, key, m)
      else printf "%-22s %-5s %5s %8s %12s %9s %9s\n", f[1], f[2], f[3], "0/" total[key], "-", "-", "-" } }' "$results" |
  tee "$out/summary.txt"
grep '^load average' "$out/env.txt"
if grep -q $'\tfailed' "$results"; then
  echo "load-yardstick: some runs failed (status column of $results); their logs are in $out" >&2
  exit 1
fi
