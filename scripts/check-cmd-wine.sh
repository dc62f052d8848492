#!/usr/bin/env bash
# run-bench.cmd for real, under Wine's cmd.exe (Debian's wine 8), with stand-ins for powershell.exe,
# pwsh.exe and java.exe (scripts/wine/stub.c, built with mingw-w64) that record how they were called
# and exit with a chosen code. Checks: the exit code of a failing run comes back; arguments with -, ',',
# '=', spaces and quotes reach run-bench.ps1 exactly as typed (in RPCBENCH_CMDLINE) and benchmarks.jar
# splits them into the words java.exe gets when the .cmd falls back to it without PowerShell; every line
# ends in CRLF. Wine ships a do-nothing powershell.exe: the stand-in comes first on PATH and shadows it,
# and the cases without PowerShell leave Wine's folders off PATH.
# Needs wine and x86_64-w64-mingw32-gcc (apt-get install -y --no-install-recommends wine wine64
# gcc-mingw-w64-x86-64) and a built benchmarks.jar. The Wine prefix is kept in RPCBENCH_WINE_PREFIX
# (default ~/.cache/rpcbench-wine): its first creation takes about 15 s.
# Usage: scripts/check-cmd-wine.sh [FILE.cmd]   (default: the repository's run-bench.cmd)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/benchmarks/target/benchmarks.jar"
case "${1:-}" in -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
cmd_file="${1:-$root/run-bench.cmd}"
for tool in wine x86_64-w64-mingw32-gcc; do
  command -v "$tool" >/dev/null || { echo "check-cmd-wine: $tool is missing (see --help)" >&2; exit 2; }
done
[ -f "$jar" ] || { echo "check-cmd-wine: $jar is missing: build it first" >&2; exit 2; }

export WINEPREFIX="${RPCBENCH_WINE_PREFIX:-$HOME/.cache/rpcbench-wine}" WINEDEBUG=-all WINEARCH=win64
unset DISPLAY WAYLAND_DISPLAY
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/checkout" "$work/with-powershell" "$work/with-pwsh" "$work/with-java"
cp "$cmd_file" "$work/checkout/run-bench.cmd"
x86_64-w64-mingw32-gcc -municode -O2 -o "$work/stub.exe" "$root/scripts/wine/stub.c"
cp "$work/stub.exe" "$work/with-powershell/powershell.exe"
cp "$work/stub.exe" "$work/with-pwsh/pwsh.exe"
cp "$work/stub.exe" "$work/with-java/java.exe"
windows_path() { local p="$1"; echo "Z:${p//\//\\}"; }
fail() { echo "check-cmd-wine: $*" >&2; for f in "$work"/*.log "$work"/*.err; do [ -s "$f" ] && sed "s|^|  $(basename "$f"): |" "$f" >&2; done; exit 1; }

# One case: run-bench.cmd ARGS from a cmd.exe whose PATH starts with the stand-ins of FOLDER (and holds
# Wine's system folders, with its own powershell.exe, only for FOLDER with-powershell: shadowed there),
# the stand-in exiting with CODE. Sets $rc to cmd's exit code; the stand-in's record is in $work/NAME.log.
run_case() {
  local name=$1 folder=$2 code=$3 args=$4 path
  path=$(windows_path "$work/$folder")
  [ "$folder" != with-powershell ] || path="$path;C:\windows\system32;C:\windows"
  printf '@echo off\r\nset "PATH=%s"\r\nset "STUB_LOG=%s"\r\nset "STUB_EXIT=%s"\r\ncd /d "%s"\r\nrun-bench.cmd %s\r\n' \
    "$path" "$(windows_path "$work/$name.log")" "$code" "$(windows_path "$work/checkout")" "$args" >"$work/$name.cmd"
  rc=0
  (cd "$work" && wine cmd /c "$name.cmd") >"$work/$name.out" 2>"$work/$name.err" || rc=$?
}
field() { sed -n "s/^$1=//p" "$work/$2.log"; }
program() { field program "$1" | sed 's/\.exe$//'; } # argv[0] as cmd started it: java, or powershell.exe
expect() { [ "$2" = "$3" ] || fail "$1: expected [$3], got [$2]"; }

echo "check-cmd-wine: $(wine --version) in $WINEPREFIX"
typed='-Profile quick -Transports grpc,tcp -Clients 1,16,128 -ClientJvmArgs "-Xmx1g -Dx.y=a=b" -ServerJvmArgs "-Dgreeting=\"hi there\"" -ServerPrefix "nice -n 5" -Out "results\with space" --benchmarks=SimpleCall -- -p size=1024,10240'
words=(-Profile quick -Transports grpc,tcp -Clients 1,16,128 -ClientJvmArgs "-Xmx1g -Dx.y=a=b" -ServerJvmArgs
  '-Dgreeting="hi there"' -ServerPrefix "nice -n 5" -Out 'results\with space' --benchmarks=SimpleCall -- -p
  size=1024,10240)
checkout=$(windows_path "$work/checkout")

run_case failing with-powershell 3 "$typed"
expect "exit code of a failing run (powershell.exe)" "$rc" 3
expect "program" "$(program failing)" powershell
expect "powershell.exe's arguments" "$(field arg failing | paste -sd ' ')" \
  "-NoLogo -NoProfile -ExecutionPolicy Bypass -File $checkout\\run-bench.ps1"
expect "RPCBENCH_CMDLINE" "$(sed -n 's/^env RPCBENCH_CMDLINE=//p' "$work/failing.log")" "$typed"
expect "RPCBENCH_FROM_CMD" "$(sed -n 's/^env RPCBENCH_FROM_CMD=//p' "$work/failing.log")" 1

run_case passing with-powershell 0 "$typed"
expect "exit code of a passing run" "$rc" 0
run_case pwsh with-pwsh 1 "-Profile smoke"
expect "exit code through pwsh.exe (no powershell.exe)" "$rc" 1
expect "program without powershell.exe" "$(program pwsh)" pwsh
run_case bare with-powershell 0 ""
expect "no arguments: no RPCBENCH_CMDLINE (cmd cannot set an empty variable)" \
  "$(sed -n 's/^env RPCBENCH_CMDLINE *//p' "$work/bare.log")" "(unset)"

run_case java with-java 2 "$typed"
expect "exit code of java without PowerShell" "$rc" 2
expect "program without PowerShell" "$(program java)" java
mapfile -t got < <(field arg java)
want=(-jar "$checkout\\benchmarks\\target\\benchmarks.jar" run "${words[@]}")
expect "java.exe's arguments without PowerShell" "$(printf '[%s]' "${got[@]}")" "$(printf '[%s]' "${want[@]}")"
grep -q "no PowerShell on PATH" "$work/java.err" "$work/java.out" || fail "no note that PowerShell is missing"
echo "check-cmd-wine: exit codes 3, 0, 1 and 2 came back; the arguments arrived as typed; java.exe got ${#got[@]} words"

# What run-bench.ps1 hands on, split by benchmarks.jar: the same words java.exe got from the .cmd.
recorded=$(sed -n 's/^env RPCBENCH_CMDLINE=//p' "$work/failing.log")
plan=$(cd "$work" && RPCBENCH_CMDLINE="$recorded" java -jar "$jar" run --dry-run --cmdline-env RPCBENCH_CMDLINE 2>&1) ||
  fail "benchmarks.jar refused the .cmd's command line: $plan"
for line in '"--profile"' '"quick"' '"transport=grpc,tcp"' '"1,16,128"' '"-Xmx1g"' '"-Dx.y=a=b"' \
    '"-Drpcbench.server.jvmArgs=-Dgreeting=\"hi there\""' '"-Drpcbench.server.prefix=nice -n 5"' '"SimpleCall"' \
    '"size=1024,10240"'; do
  grep -qxF -- "$line" <<<"$plan" || fail "benchmarks.jar did not make $line of the .cmd's arguments:
$plan"
done
grep -qF "run: results folder $work/results\\with space" <<<"$plan" || fail "the results folder is not the one typed:
$plan"
echo "check-cmd-wine: benchmarks.jar split the .cmd's command line into the words typed"

if grep -qv $'\r$' "$cmd_file"; then
  fail "run-bench.cmd has lines without CRLF (cmd.exe misreads labels in LF-only files; see .gitattributes)"
fi
wineserver -w 2>/dev/null || true
echo "check-cmd-wine: run-bench.cmd passed"
