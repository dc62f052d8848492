@echo off
rem rpc-bench from cmd.exe or a double click, the twin of run-bench.ps1 and scripts/run-bench.sh.
rem The arguments reach run-bench.ps1 exactly as typed, in RPCBENCH_CMDLINE, and benchmarks.jar splits
rem them the way java.exe would: dashes, commas, = and quotes survive (powershell -File would take any
rem argument that starts with - for a parameter name). run-bench.ps1 finds Java 17+, builds the jar when
rem needed and returns Java's exit code, which this passes on. Without PowerShell, the java on PATH
rem runs the jar as it is. Options: java -jar benchmarks\target\benchmarks.jar run --help
rem In cmd.exe, quote an argument that holds an ampersand, a bar, an angle bracket or a caret.
setlocal DisableDelayedExpansion
set RPCBENCH_CMDLINE=%*
set "RPCBENCH_FROM_CMD=1"
set "ps="
for %%p in (powershell.exe pwsh.exe) do if not defined ps set "ps=%%~$PATH:p"
if not defined ps goto nopowershell
"%ps%" -NoLogo -NoProfile -ExecutionPolicy Bypass -File "%~dp0run-bench.ps1"
exit /b %ERRORLEVEL%

:nopowershell
echo run-bench: no PowerShell on PATH; running benchmarks.jar as it is with the java on PATH 1>&2
java -jar "%~dp0benchmarks\target\benchmarks.jar" run %*
exit /b %ERRORLEVEL%
