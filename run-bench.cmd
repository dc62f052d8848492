@echo off
rem rpc-bench on Windows from cmd.exe or a double click: forwards every argument to run-bench.ps1
rem (next to this file, so it works from any folder). Without PowerShell it runs benchmarks.jar
rem directly with the standard profile (the jar must be built: mvnw.cmd -B -ntp verify).
setlocal
set "here=%~dp0"
where powershell.exe >nul 2>nul
if %ERRORLEVEL% equ 0 (
  powershell.exe -NoProfile -ExecutionPolicy Bypass -File "%here%run-bench.ps1" %*
  exit /b %ERRORLEVEL%
)
where pwsh.exe >nul 2>nul
if %ERRORLEVEL% equ 0 (
  pwsh.exe -NoProfile -ExecutionPolicy Bypass -File "%here%run-bench.ps1" %*
  exit /b %ERRORLEVEL%
)
echo run-bench: no PowerShell found; running benchmarks.jar with the standard profile, no report
java -jar "%here%benchmarks\target\benchmarks.jar" --profile standard
exit /b %ERRORLEVEL%
