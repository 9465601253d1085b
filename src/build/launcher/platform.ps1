$arm = ($env:PROCESSOR_ARCHITECTURE -eq 'ARM64') -or ($env:PROCESSOR_ARCHITEW6432 -eq 'ARM64')
$candidates = if ($arm) { @('windows-arm64', 'windows-x64') } else { @('windows-x64') }
