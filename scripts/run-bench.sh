#!/usr/bin/env bash
# rpc-bench on Linux and macOS, the twin of run-bench.ps1 (same options, same results folder):
# checks Java 17+, builds benchmarks.jar when missing or older than the sources, then preflight,
# env.json, the run (console log tee'd) and the report into results/<timestamp>-<profile>/.
# Exit code: the run's (the report's when the run passed). Logic lives in the jar; this is glue.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/benchmarks/target/benchmarks.jar"

usage() {
  cat <<'EOF'
usage: scripts/run-bench.sh [options] [-- JMH options...]
  --profile smoke|quick|standard|full   JMH settings (default standard; see the README)
  --transports a,b                      transports (default: all)
  --benchmarks REGEX                    benchmark filter, e.g. 'SimpleCall|Payload' (default: all)
  --clients 1,16,128                    client-count sweep
  --out DIR                             results folder (default results/<timestamp>-<profile>)
  --baseline FILE|DIR                   earlier result to compare against in the report
  --client-jvm-args 'ARGS'              flags of the client JVM (the JMH forks inherit them)
  --server-jvm-args 'ARGS'              flags of every server JVM
  --client-cpus LIST / --server-cpus LIST   pin with taskset -c LIST (e.g. 0 and 1)
  --server-prefix 'CMD'                 put CMD before the server's java (ip netns exec NS, ssh u@h)
  --server-address HOST:PORT            use a server already running there (one transport)
  --no-build                            never build, use the jar as it is
Anything after -- goes to benchmarks.jar unchanged (e.g. -- -p size=1024 -bm thrpt).
EOF
}

fail() { echo "run-bench: $*" >&2; exit 2; }
need() { [ $# -ge 2 ] || fail "$1 needs a value (see --help)"; }

profile=standard transports="" benchmarks="" clients="" out="" baseline="" client_jvm_args=""
server_jvm_args="" client_cpus="" server_cpus="" server_prefix="" server_address="" build=1
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --profile) need "$@"; profile="$2"; shift 2 ;;
    --transports) need "$@"; transports="$2"; shift 2 ;;
    --benchmarks) need "$@"; benchmarks="$2"; shift 2 ;;
    --clients) need "$@"; clients="$2"; shift 2 ;;
    --out) need "$@"; out="$2"; shift 2 ;;
    --baseline) need "$@"; baseline="$2"; shift 2 ;;
    --client-jvm-args) need "$@"; client_jvm_args="$2"; shift 2 ;;
    --server-jvm-args) need "$@"; server_jvm_args="$2"; shift 2 ;;
    --client-cpus) need "$@"; client_cpus="$2"; shift 2 ;;
    --server-cpus) need "$@"; server_cpus="$2"; shift 2 ;;
    --server-prefix) need "$@"; server_prefix="$2"; shift 2 ;;
    --server-address) need "$@"; server_address="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    --) shift; extra=("$@"); break ;;
    *) fail "unknown option '$1' (see --help)" ;;
  esac
done
case "$profile" in smoke|quick|standard|full) ;; *) fail "--profile '$profile' is not one of smoke, quick, standard, full" ;; esac
[ -z "$baseline" ] || [ -e "$baseline" ] || fail "--baseline '$baseline' does not exist"

java_version=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\)[."].*/\1/p' | head -n 1) ||
  fail "no java on PATH: install a JDK 17 or later"
[ -n "$java_version" ] || fail "no java on PATH: install a JDK 17 or later"
[ "$java_version" -ge 17 ] || fail "java on PATH is version $java_version; rpc-bench needs 17 or later"

client_prefix=()
if [ -n "$client_cpus$server_cpus" ]; then
  command -v taskset >/dev/null || fail "--client-cpus/--server-cpus need taskset (util-linux), not found"
fi
[ -z "$client_cpus" ] || client_prefix=(taskset -c "$client_cpus")
[ -z "$server_cpus" ] || server_prefix="${server_prefix:+$server_prefix }taskset -c $server_cpus"

cd "$root"
if [ "$build" = 1 ]; then
  if [ ! -f "$jar" ] || [ -n "$(find pom.xml proto implementations benchmarks -path '*/target' -prune -o \
      -type f -newer "$jar" -print -quit)" ]; then
    echo "run-bench: building benchmarks.jar (missing or older than the sources)"
    ./mvnw -B -ntp -q -pl benchmarks -am package -DskipTests
  fi
fi
[ -f "$jar" ] || fail "$jar is missing (run without --no-build to build it)"

out="${out:-results/$(date +%Y%m%d-%H%M%S)-$profile}"
mkdir -p "$out"
log="$out/console.log"

# Client JVM flags and placement properties go to the client java; JMH forks inherit them.
client_java=("${client_prefix[@]}" java)
run_only=(-Drpcbench.report=false)   # the report is written once, below, into $out/report (with the baseline)
# shellcheck disable=SC2206 # the JVM flags are words on purpose
client_java+=($client_jvm_args)
[ -z "$server_jvm_args" ] || client_java+=("-Drpcbench.server.jvmArgs=$server_jvm_args")
[ -z "$server_prefix" ] || client_java+=("-Drpcbench.server.prefix=$server_prefix")
[ -z "$server_address" ] || client_java+=("-Drpcbench.server.address=$server_address")

run_args=(--profile "$profile" -rf json -rff "$out/results.json")
[ -z "$transports" ] || run_args+=(-p "transport=$transports")
[ -z "$clients" ] || run_args+=(--clients "$clients")
[ -z "$benchmarks" ] || run_args+=("$benchmarks")
run_args+=(${extra[@]+"${extra[@]}"})

"${client_java[@]}" -jar "$jar" preflight 2>&1 | tee "$log"
"${client_java[@]}" -jar "$jar" env --out "$out/env.json" --options "profile=$profile" "transports=$transports" \
  "benchmarks=$benchmarks" "clients=$clients" "baseline=$baseline" "client-jvm-args=$client_jvm_args" \
  "server-jvm-args=$server_jvm_args" "client-cpus=$client_cpus" "server-cpus=$server_cpus" \
  "server-prefix=$server_prefix" "server-address=$server_address" "jmh-args=${extra[*]+${extra[*]}}" \
  "command=run-bench.sh" 2>&1 | tee -a "$log"

rc=0
"${client_java[@]}" "${run_only[@]}" -jar "$jar" "${run_args[@]}" 2>&1 | tee -a "$log" || rc=${PIPESTATUS[0]}

if [ -s "$out/results.json" ]; then
  report_args=(report "$out/results.json")
  [ -z "$baseline" ] || report_args+=(--baseline "$baseline")
  report_rc=0
  java -jar "$jar" "${report_args[@]}" --out "$out/report" 2>&1 | tee -a "$log" || report_rc=${PIPESTATUS[0]}
  [ "$rc" -ne 0 ] || rc=$report_rc
fi
echo "run-bench: results in $out (exit code $rc)" | tee -a "$log"
exit "$rc"
