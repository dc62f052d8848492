<#
.SYNOPSIS
rpc-bench on Windows: finds Java 17+, builds benchmarks.jar when needed, runs "benchmarks.jar run".
.DESCRIPTION
The twin of scripts/run-bench.sh and run-bench.cmd, for Windows PowerShell 5.1 and PowerShell 7. It
finds Java 17 or later (JAVA_HOME, else PATH), builds benchmarks\target\benchmarks.jar with mvnw.cmd
when it is missing or older than any source or pom (unless -NoBuild), runs
"java -jar benchmarks.jar run" with every argument, and exits with Java's exit code. The options, the
results folder and the exit codes are run's:
    java -jar benchmarks\target\benchmarks.jar run --help
Both spellings work (-Profile smoke, --profile smoke). A comma list as typed (-Clients 1,16,128) is
joined with commas again; after -JmhArgs ('-p','size=1024') the elements stay separate words. The
arguments reach Java in an environment variable, not on a command line, so that no quoting rule of
either PowerShell changes them. Quote -D options: '-Dkey.name=value' (PowerShell splits an unquoted
one at its first dot). Blocked by the execution policy? Use run-bench.cmd, or
    powershell -ExecutionPolicy Bypass -File .\run-bench.ps1 -Profile smoke
or, for a downloaded copy, Unblock-File .\run-bench.ps1 once.
.EXAMPLE
.\run-bench.ps1 -Profile smoke
.EXAMPLE
.\run-bench.ps1 -Profile quick -Transports grpc,tcp -Benchmarks SimpleCall -ClientCpus 0 -ServerCpus 1
#>
$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$jar = Join-Path $root 'benchmarks\target\benchmarks.jar'

function Fail([string]$message) {
    [Console]::Error.WriteLine("run-bench: $message")
    exit 2
}

# java -version writes to stderr, which Windows PowerShell 5.1 turns into error records that 'Stop'
# would make fatal: it is read with 'Continue' here. "17.0.2" is 17, "1.8.0_392" is 8; 0 without one.
function Get-JavaVersion([string]$exe) {
    $ErrorActionPreference = 'Continue'
    $line = & $exe -version 2>&1 | ForEach-Object { "$_" } | Select-Object -First 1
    if ($line -match 'version "(1\.)?(\d+)') { return [int]$Matches[2] }
    return 0
}

# The words for "run". From run-bench.cmd: its arguments as typed, in RPCBENCH_CMDLINE (the jar splits
# them as java.exe would). From PowerShell: the arguments; a comma list arrives as an array and is
# joined with commas, except after -JmhArgs, whose elements are separate words.
$words = New-Object System.Collections.Generic.List[string]
$typed = ''
if ($env:RPCBENCH_FROM_CMD -eq '1' -and $args.Count -eq 0) {
    $words.Add('--cmdline-env')
    $words.Add('RPCBENCH_CMDLINE')
    $typed = "$env:RPCBENCH_CMDLINE"
}
Remove-Item Env:RPCBENCH_FROM_CMD -ErrorAction SilentlyContinue
$separate = $false
foreach ($arg in $args) {
    if ($arg -is [array]) {
        if ($separate) {
            foreach ($element in $arg) { $words.Add([string]$element) }
        } else {
            $words.Add((@($arg | ForEach-Object { [string]$_ }) -join ','))
        }
    } else {
        $words.Add([string]$arg)
    }
    $separate = ($arg -is [string]) -and ($arg -in @('-JmhArgs', '--jmh-args'))
}
$noBuild = ($words -contains '-NoBuild') -or ($words -contains '--no-build') -or
    ($typed -match '(^|\s)"?(-NoBuild|--no-build)"?(\s|$)')

$java = $null
if ($env:JAVA_HOME -and (Test-Path (Join-Path $env:JAVA_HOME 'bin\java.exe'))) {
    $java = Join-Path $env:JAVA_HOME 'bin\java.exe'
} else {
    $onPath = Get-Command java -ErrorAction SilentlyContinue
    if ($onPath) { $java = $onPath.Path }
}
if (-not $java) { Fail 'no java on PATH and no JAVA_HOME: install a JDK 17 or later' }
$version = Get-JavaVersion $java
if ($version -lt 17) { Fail "$java is version $version; rpc-bench needs 17 or later" }

if (-not $noBuild) {
    $jarTime = [datetime]::MinValue
    if (Test-Path $jar) { $jarTime = (Get-Item $jar).LastWriteTimeUtc }
    $sources = @('pom.xml', 'proto', 'implementations', 'benchmarks') | ForEach-Object { Join-Path $root $_ }
    $newer = Get-ChildItem -Path $sources -Recurse -File |
        Where-Object { $_.FullName -notmatch '\\target\\' -and $_.LastWriteTimeUtc -gt $jarTime } |
        Select-Object -First 1
    if ($newer) {
        Write-Output 'run-bench: building benchmarks.jar (missing or older than the sources)'
        # Push-Location and Pop-Location: the caller's shell stays in its own folder.
        Push-Location $root
        try {
            & (Join-Path $root 'mvnw.cmd') -B -ntp -q -pl benchmarks -am package -DskipTests
            $built = $LASTEXITCODE
        } finally {
            Pop-Location
        }
        if ($built -ne 0) { exit $built }
    }
}
if (-not (Test-Path $jar)) { Fail "$jar is missing (run without -NoBuild to build it)" }

if ($words.Count -eq 0) {
    & $java -jar $jar run
    exit $LASTEXITCODE
}
# U+001F separates the words; an empty variable would not exist at all on Windows.
$env:RPCBENCH_ARGS = [string]::Join([string][char]0x1F, $words.ToArray())
try {
    & $java -jar $jar run --args-env RPCBENCH_ARGS
    $rc = $LASTEXITCODE
} finally {
    Remove-Item Env:RPCBENCH_ARGS -ErrorAction SilentlyContinue
}
exit $rc
