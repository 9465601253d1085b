# hookkit launcher for Windows without Git Bash (Claude Code then runs hook commands with PowerShell).
# Runs bin\<name>-windows-<cpu>.exe with the same arguments; stdin is inherited by the native process.
# Register it as: & "${CLAUDE_PLUGIN_ROOT}/bin/hookkit.ps1" <hook-name>   (with "shell": "powershell")
$name = [IO.Path]::GetFileNameWithoutExtension($PSCommandPath)
# Windows on ARM runs x64 binaries under emulation, so x64 is the fallback there.
# @include platform.ps1
foreach ($t in $candidates) {
  $bin = Join-Path $PSScriptRoot "$name-$t.exe"
  if (Test-Path -LiteralPath $bin -PathType Leaf) {
    # PowerShell re-decodes a native command's stdout; keep the hook's JSON as UTF-8 without a BOM.
    [Console]::OutputEncoding = New-Object System.Text.UTF8Encoding $false
    & $bin @args
    exit $LASTEXITCODE
  }
}
$hook = if ($args.Count -gt 0) { $args[0] } else { '' }
[Console]::Error.WriteLine("${name}: no prebuilt binary for $($candidates[0]) in $PSScriptRoot; hook '$hook' skipped. Build one with 'hookkit build --target windows-x64' or ask the plugin author for this platform.")
exit 0
