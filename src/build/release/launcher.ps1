# hookkit launcher of a thin plugin for Windows without Git Bash (Claude Code then runs hook commands with
# PowerShell). The same contract as the POSIX launcher (bin/<name>): a binary inside the plugin first, then
# the content-addressed store ($env:CLAUDE_PLUGIN_DATA\bin\<sha256>\<file>, then the hookkit state dir's bin\),
# else a verified download in a background PowerShell, waited for as the POSIX launcher does; while missing, a
# fail-open hook answers nothing and a fail-closed one blocks (exit 2) with one line naming cause and fix.
#   & bin\<name>.ps1 <hook>                  run a hook
#   & bin\<name>.ps1 --session-start         the SessionStart notice (one systemMessage when the binary is missing)
#   & bin\<name>.ps1 --fetch [--from <file>] fetch now, or install from a downloaded .gz asset or binary
# Not exercised by the test suite on this project's Linux machines: try it on Windows before relying on it.
$ErrorActionPreference = 'Stop'
$name = [IO.Path]::GetFileNameWithoutExtension($PSCommandPath)
$dir = $PSScriptRoot
$hook = if ($args.Count -gt 0) { [string]$args[0] } else { '' }
# @include platform.ps1

function Drain { if ([Console]::IsInputRedirected) { [void][Console]::In.ReadToEnd() } }
function Run-Binary([string]$bin, $rest) {
  [Console]::OutputEncoding = New-Object System.Text.UTF8Encoding $false
  & $bin @rest
  exit $LASTEXITCODE
}

$manifest = $null
$manifestPath = Join-Path (Split-Path $dir -Parent) 'manifest.json'
if (Test-Path -LiteralPath $manifestPath) { $manifest = Get-Content -Raw -LiteralPath $manifestPath | ConvertFrom-Json }
$plugin = if ($manifest) { $manifest.name } else { $name }
$target = $null
foreach ($t in $candidates) {
  $vendored = Join-Path $dir "$name-$t.exe"
  if (Test-Path -LiteralPath $vendored -PathType Leaf) {
    if ($hook -eq '--session-start') { Drain; exit 0 }
    Run-Binary $vendored $args
  }
  if (-not $target -and $manifest -and $manifest.targets.$t) { $target = $manifest.targets.$t; $targetName = $t }
}
$policy = 'open'; $timeout = 600
if ($manifest) { foreach ($h in $manifest.hooks) { if ($h.name -eq $hook) { if ($h.failClosed) { $policy = 'closed' }; if ($h.timeout) { $timeout = [int]$h.timeout } } } }

$state = if ($env:HOOKKIT_STATE_DIR) { $env:HOOKKIT_STATE_DIR } elseif ($env:LOCALAPPDATA) { Join-Path $env:LOCALAPPDATA 'hookkit' } else { Join-Path $HOME '.local\state\hookkit' }
$stores = @()
if ($env:CLAUDE_PLUGIN_DATA) { $stores += (Join-Path $env:CLAUDE_PLUGIN_DATA 'bin') }
$stores += (Join-Path $state 'bin')
$store = $stores[0]

if ($target) {
  foreach ($s in $stores) {
    $bin = Join-Path (Join-Path $s $target.sha256) $target.file
    if (Test-Path -LiteralPath $bin -PathType Leaf) {
      if ($hook -eq '--session-start' -or $hook -eq '--fetch') { Drain; exit 0 }
      Run-Binary $bin $args
    }
  }
}

function Sha256([string]$path) { (Get-FileHash -Algorithm SHA256 -LiteralPath $path).Hash.ToLowerInvariant() }

# Verifies a candidate (the .gz asset, or with -from the binary itself) and installs it; returns $null or the cause.
function Install-From([string]$file, [string]$origin, [bool]$allowBinary) {
  $sha = $target.sha256
  $bin = Join-Path $store ".$sha.$PID.bin"
  $len = (Get-Item -LiteralPath $file).Length
  if ($len -eq $target.assetSize -and (Sha256 $file) -eq $target.assetSha256) {
    $in = [IO.File]::OpenRead($file)
    try {
      $gz = New-Object IO.Compression.GZipStream($in, [IO.Compression.CompressionMode]::Decompress)
      $out = [IO.File]::Create($bin)
      try { $gz.CopyTo($out) } finally { $out.Dispose(); $gz.Dispose() }
    } finally { $in.Dispose() }
  } elseif ($allowBinary -and $len -eq $target.size -and (Sha256 $file) -eq $sha) {
    Copy-Item -LiteralPath $file -Destination $bin
  } else {
    return "$origin does not match the manifest (refused)"
  }
  if ((Get-Item -LiteralPath $bin).Length -ne $target.size -or (Sha256 $bin) -ne $sha) {
    Remove-Item -Force -LiteralPath $bin
    return "the binary unpacked from $origin does not match the manifest's sha256 (refused)"
  }
  New-Item -ItemType Directory -Force -Path (Join-Path $store $sha) | Out-Null
  Move-Item -Force -LiteralPath $bin -Destination (Join-Path (Join-Path $store $sha) $target.file)
  return $null
}

# One fetch per sha256: the lock directory holds the owner's pid; a lock whose owner is gone is taken over.
function Fetch-Now([string]$from) {
  if (-not $target) { return "this release has no binary for $($candidates[0])" }
  $sha = $target.sha256
  New-Item -ItemType Directory -Force -Path $store | Out-Null
  $lock = Join-Path $store "$sha.lock"
  try { New-Item -ItemType Directory -Path $lock -ErrorAction Stop | Out-Null }
  catch {
    $owner = Get-Content -LiteralPath (Join-Path $lock 'pid') -ErrorAction SilentlyContinue
    if ($owner -and (Get-Process -Id $owner -ErrorAction SilentlyContinue)) { return 'busy' }
    Remove-Item -Recurse -Force -LiteralPath $lock -ErrorAction SilentlyContinue
    try { New-Item -ItemType Directory -Path $lock -ErrorAction Stop | Out-Null } catch { return 'busy' }
  }
  Set-Content -LiteralPath (Join-Path $lock 'pid') -Value $PID
  try {
    Get-ChildItem -LiteralPath $store -Filter ".$sha.*" -Force | Remove-Item -Force
    if ($from) { return Install-From $from $from $true }
    $cause = 'no download URL'
    foreach ($url in $target.urls) {
      $part = Join-Path $store ".$sha.$PID.part"
      try {
        # Invoke-WebRequest uses the system proxy settings; HTTPS_PROXY is honoured by PowerShell 7.
        $ProgressPreference = 'SilentlyContinue'
        Invoke-WebRequest -UseBasicParsing -Uri $url -OutFile $part -TimeoutSec 600
        $cause = Install-From $part $url $false
      } catch { $cause = "${url}: $($_.Exception.Message)" }
      Remove-Item -Force -LiteralPath $part -ErrorAction SilentlyContinue
      if (-not $cause) { Remove-Item -Force -LiteralPath (Join-Path $store "$sha.failed") -ErrorAction SilentlyContinue; return $null }
    }
    $failed = Join-Path $store "$sha.failed"
    $count = 0
    if (Test-Path -LiteralPath $failed) { $count = [int]((Get-Content -LiteralPath $failed -TotalCount 1) -split ' ')[1] }
    $count++
    $delay = [Math]::Min(3600, 15 * [Math]::Pow(2, [Math]::Min($count - 1, 8)))
    $next = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds() + $delay
    Set-Content -LiteralPath $failed -Value "$next $count $cause"
    return $cause
  } finally { Remove-Item -Recurse -Force -LiteralPath $lock -ErrorAction SilentlyContinue }
}

if ($hook -eq '--fetch') {
  $from = if ($args.Count -ge 3 -and $args[1] -eq '--from') { [string]$args[2] } else { $null }
  $cause = Fetch-Now $from
  if ($cause) { [Console]::Error.WriteLine("${name}: $cause"); exit 1 }
  exit 0
}
if ($hook -eq '--download') { [void](Fetch-Now $null); exit 0 }

function Fetching {
  if (-not $target) { return $false }
  $lock = Join-Path $store "$($target.sha256).lock"
  if (-not (Test-Path -LiteralPath $lock)) { return $false }
  $owner = Get-Content -LiteralPath (Join-Path $lock 'pid') -ErrorAction SilentlyContinue
  return (-not $owner) -or [bool](Get-Process -Id $owner -ErrorAction SilentlyContinue)
}

$found = $null
if ($target) {
  $final = Join-Path (Join-Path $store $target.sha256) $target.file
  $failed = Join-Path $store "$($target.sha256).failed"
  $due = $true
  if ($hook -ne '--session-start' -and (Test-Path -LiteralPath $failed)) {
    $next = [long]((Get-Content -LiteralPath $failed -TotalCount 1) -split ' ')[0]
    $due = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds() -ge $next
  }
  $waiting = Fetching
  if (-not $waiting -and $due) {
    Start-Process -WindowStyle Hidden -FilePath 'powershell.exe' -ArgumentList @('-NoProfile', '-ExecutionPolicy', 'Bypass', '-File', "`"$PSCommandPath`"", '--download') | Out-Null
    $waiting = $true
  }
  if ($waiting) {
    $budget = if ($hook -eq '--session-start') { 10 } else { [Math]::Max(0, [Math]::Min(200, ($timeout - 2) * 10)) }
    for ($tick = 0; $tick -lt $budget; $tick++) {
      Start-Sleep -Milliseconds 100
      if (Test-Path -LiteralPath $final -PathType Leaf) { $found = $final; break }
      if ($tick -ge 5 -and -not (Fetching)) { break }
      if ($tick -ge 10 -and -not (Get-ChildItem -LiteralPath $store -Filter ".$($target.sha256).*" -Force | Where-Object { $_.Length -gt 0 })) { break }
    }
  }
}
if ($found) {
  if ($hook -eq '--session-start') { Drain; exit 0 }
  Run-Binary $found $args
}

if (-not $manifest) { $cause = "the plugin has no manifest.json"; $fix = 'reinstall the plugin' }
elseif (-not $target) { $cause = "this release has no binary for $($candidates[0])"; $fix = "ask the plugin author for a $($candidates[0]) build" }
elseif (Fetching) { $cause = "its $targetName binary is still downloading"; $fix = 'they start working when it is done' }
elseif (Test-Path -LiteralPath $failed) {
  $why = ((Get-Content -LiteralPath $failed -TotalCount 1) -split ' ', 3)[2]
  $cause = "its $targetName binary could not be fetched ($why)"
  $fix = "check the network (HTTPS_PROXY), or download $($target.urls[0]) and run: & '$PSCommandPath' --fetch --from <file>"
} else { $cause = "its $targetName binary is not installed yet"; $fix = 'start a new session' }
Drain
if ($hook -eq '--session-start') {
  $msg = @{ systemMessage = "${plugin}: its hooks are inactive (guards block) because $cause; $fix." } | ConvertTo-Json -Compress
  [Console]::Out.WriteLine($msg)
  exit 0
}
if ($policy -eq 'closed') { [Console]::Error.WriteLine("${plugin}: hook '$hook' blocked because $cause; $fix."); exit 2 }
[Console]::Error.WriteLine("${plugin}: hook '$hook' skipped because $cause; $fix.")
exit 0
