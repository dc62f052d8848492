#!/usr/bin/env bash
# Does every transport hold 128 concurrent clients making 10,000 calls each, with zero failures and
# no growth of the server's live heap between a first and a second pass? (issue 7's "load held")
# Options pass through to `benchmarks.jar load`: --transports a,b --clients N --calls N --limit-seconds N
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/../benchmarks/target/benchmarks.jar"
case "${1:-}" in
  -h|--help)
    echo "usage: $0 [--transports NAME,NAME...] [--clients N] [--calls N] [--limit-seconds N]"
    echo "defaults: every transport, 128 clients, 10000 calls each, 600 s per pass"
    exit 0 ;;
esac
if [ ! -f "$jar" ]; then
  echo "load-held: $jar is missing; build it first with ./mvnw -B -ntp verify" >&2
  exit 2
fi
exec java ${JVM_OPTS:-} -jar "$jar" load "$@"
