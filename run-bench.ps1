<#
.SYNOPSIS
rpc-bench on Windows, the twin of scripts/run-bench.sh (same options, same results folder).
.DESCRIPTION
Checks Java 17+, builds benchmarks.jar when missing or older than the sources, then runs
preflight, env.json, the benchmarks (console log tee'd) and the report into
results\<timestamp>-<profile>\. Exit code: the run's (the report's when the run passed).
Logic lives in the jar; this is glue.
.EXAMPLE
.\run-bench.ps1 -Profile smoke
.EXAMPLE
.\run-bench.ps1 -Profile quick -Transports grpc,tcp -Benchmarks SimpleCall -ClientCpus 0 -ServerCpus 1
#>
param(
    [ValidateSet('smoke', 'quick', 'standard', 'full')]
    [string]$Profile = 'standard',
    [string[]]$Transports = @(),
    [string]$Benchmarks = '',
    [string]$Clients = '',
    [string]$Out = '',
    [string]$Baseline = '',
    [string]$ClientJvmArgs = '',
    [string]$ServerJvmArgs = '',
    [string]$ClientCpus = '',
    [string]$ServerCpus = '',
    [string]$ServerPrefix = '',
    [string]$ServerAddress = '',
    [switch]$NoBuild,
    # Passed to benchmarks.jar unchanged, e.g. -JmhArgs '-p','size=1024','-bm','thrpt'
    [string[]]$JmhArgs = @()
)
$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$jar = Join-Path $root 'benchmarks\target\benchmarks.jar'

function Fail([string]$message) {
    [Console]::Error.WriteLine("run-bench: $message")
    exit 2
}

# A CPU list such as 0,2-3 as an affinity bit mask (CPU n is bit n).
function ConvertTo-AffinityMask([string]$list) {
    [long]$mask = 0
    foreach ($part in $list.Split(',')) {
        $range = $part.Split('-')
        $from = [int]$range[0]
        $to = [int]$range[$range.Length - 1]
        for ($cpu = $from; $cpu -le $to; $cpu++) { $mask = $mask -bor ([long]1 -shl $cpu) }
    }
    return $mask
}

# Runs java with its stderr merged into the output as plain lines. Windows PowerShell 5.1 turns
# every stderr line of a native command redirected with 2>&1 into an error record, which the
# script-wide 'Stop' would make fatal: java -version, JMH's warnings and the servers' notes all
# go to stderr. $LASTEXITCODE is java's exit code afterwards.
function Invoke-Java([string[]]$arguments) {
    $ErrorActionPreference = 'Continue'
    & java @arguments 2>&1 | ForEach-Object { "$_" }
}

if ($Baseline -and -not (Test-Path $Baseline)) { Fail "-Baseline '$Baseline' does not exist" }
$java = Get-Command java -ErrorAction SilentlyContinue
if (-not $java) { Fail 'no java on PATH: install a JDK 17 or later' }
$versionLine = (Invoke-Java @('-version') | Select-Object -First 1)
if ($versionLine -notmatch 'version "(\d+)') { Fail "cannot read the Java version from '$versionLine'" }
if ([int]$Matches[1] -lt 17) { Fail "java on PATH is version $($Matches[1]); rpc-bench needs 17 or later" }

Set-Location $root
if (-not $NoBuild) {
    $jarTime = if (Test-Path $jar) { (Get-Item $jar).LastWriteTime } else { [datetime]::MinValue }
    $newer = Get-ChildItem -Path @('pom.xml', 'proto', 'implementations', 'benchmarks') -Recurse -File |
        Where-Object { $_.FullName -notmatch '\\target\\' -and $_.LastWriteTime -gt $jarTime } |
        Select-Object -First 1
    if ($newer) {
        Write-Output 'run-bench: building benchmarks.jar (missing or older than the sources)'
        & (Join-Path $root 'mvnw.cmd') -B -ntp -q -pl benchmarks -am package -DskipTests
        if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
    }
}
if (-not (Test-Path $jar)) { Fail "$jar is missing (run without -NoBuild to build it)" }

if (-not $Out) { $Out = Join-Path 'results' ((Get-Date -Format 'yyyyMMdd-HHmmss') + "-$Profile") }
New-Item -ItemType Directory -Force -Path $Out | Out-Null
$log = Join-Path $Out 'console.log'

# Server CPUs: Windows' start /affinity in front of the server's java (a hex mask).
if ($ServerCpus) {
    $hex = '{0:X}' -f (ConvertTo-AffinityMask $ServerCpus)
    # The title has a space so that Java quotes it: start takes its first quoted word as the title.
    $ServerPrefix = ("$ServerPrefix cmd.exe /c start 'rpcbench server' /b /wait /affinity $hex").Trim()
}
$javaArgs = @()
if ($ClientJvmArgs) { $javaArgs += $ClientJvmArgs.Split(' ', [StringSplitOptions]::RemoveEmptyEntries) }
if ($ServerJvmArgs) { $javaArgs += "-Drpcbench.server.jvmArgs=$ServerJvmArgs" }
if ($ServerPrefix) { $javaArgs += "-Drpcbench.server.prefix=$ServerPrefix" }
if ($ServerAddress) { $javaArgs += "-Drpcbench.server.address=$ServerAddress" }

$runArgs = @('--profile', $Profile, '-rf', 'json', '-rff', (Join-Path $Out 'results.json'))
if ($Transports.Count -gt 0) { $runArgs += '-p', ('transport=' + ($Transports -join ',')) }
if ($Clients) { $runArgs += '--clients', $Clients }
if ($Benchmarks) { $runArgs += $Benchmarks }
$runArgs += $JmhArgs

Invoke-Java ($javaArgs + @('-jar', $jar, 'preflight')) | Tee-Object -FilePath $log
Invoke-Java ($javaArgs + @('-jar', $jar, 'env', '--out', (Join-Path $Out 'env.json'), '--options', "profile=$Profile",
    "transports=$($Transports -join ',')", "benchmarks=$Benchmarks", "clients=$Clients", "baseline=$Baseline",
    "client-jvm-args=$ClientJvmArgs", "server-jvm-args=$ServerJvmArgs", "client-cpus=$ClientCpus",
    "server-cpus=$ServerCpus", "server-prefix=$ServerPrefix", "server-address=$ServerAddress",
    "jmh-args=$($JmhArgs -join ' ')", 'command=run-bench.ps1')) | Tee-Object -FilePath $log -Append

# The run. Client CPUs: this PowerShell's own affinity, set before java starts, is inherited by
# the client, its JMH forks and (unless -ServerCpus says otherwise) their servers.
$self = Get-Process -Id $PID
$ownAffinity = $self.ProcessorAffinity
if ($ClientCpus) { $self.ProcessorAffinity = [IntPtr](ConvertTo-AffinityMask $ClientCpus) }
try {
    # -Drpcbench.report=false: the report is written once, below, into $Out\report (with the baseline)
    Invoke-Java ($javaArgs + @('-Drpcbench.report=false', '-jar', $jar) + $runArgs) | Tee-Object -FilePath $log -Append
    $rc = $LASTEXITCODE
} finally {
    $self.ProcessorAffinity = $ownAffinity
}

$results = Join-Path $Out 'results.json'
if ((Test-Path $results) -and (Get-Item $results).Length -gt 0) {
    $reportArgs = @('report', $results)
    if ($Baseline) { $reportArgs += '--baseline', $Baseline }
    Invoke-Java (@('-jar', $jar) + $reportArgs + @('--out', (Join-Path $Out 'report'))) | Tee-Object -FilePath $log -Append
    if ($rc -eq 0) { $rc = $LASTEXITCODE }
}
"run-bench: results in $Out (exit code $rc)" | Tee-Object -FilePath $log -Append
exit $rc
