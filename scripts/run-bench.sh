#!/usr/bin/env bash
# rpc-bench on Linux and macOS, the twin of run-bench.ps1 and run-bench.cmd: finds Java 17+ (JAVA_HOME, else
# PATH), builds benchmarks.jar with the Maven wrapper when it is missing or older than any source or pom
# (unless --no-build), then runs `java -jar benchmarks.jar run` with every argument unchanged and exits with
# its exit code. The options, the results folder and the exit codes are run's:
#   java -jar benchmarks/target/benchmarks.jar run --help
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/benchmarks/target/benchmarks.jar"

fail() { echo "run-bench: $*" >&2; exit 2; }

java=java
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java="$JAVA_HOME/bin/java"; fi
command -v "$java" >/dev/null || fail "no java on PATH and no JAVA_HOME: install a JDK 17 or later"
# "17.0.2" is 17; "1.8.0_392" is 8
version=$("$java" -version 2>&1 | sed -n 's/.*version "\(1\.\)\{0,1\}\([0-9]*\).*/\2/p' | head -n 1)
[ -n "$version" ] || fail "cannot read the version of $java"
[ "$version" -ge 17 ] || fail "$java is version $version; rpc-bench needs 17 or later"

build=1
for arg in "$@"; do
  case "$arg" in
    --) break ;;
    --no-build | -[Nn][Oo][Bb][Uu][Ii][Ll][Dd]) build=0 ;;
  esac
done
if [ "$build" = 1 ] && { [ ! -f "$jar" ] || [ -n "$(cd "$root" && find pom.xml proto implementations benchmarks \
    -path '*/target' -prune -o -type f -newer "$jar" -print -quit)" ]; }; then
  echo "run-bench: building benchmarks.jar (missing or older than the sources)"
  (cd "$root" && ./mvnw -B -ntp -q -pl benchmarks -am package -DskipTests)
fi
[ -f "$jar" ] || fail "$jar is missing (run without --no-build to build it)"

exec "$java" -jar "$jar" run "$@"
