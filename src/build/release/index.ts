export { release, type ReleaseOptions, type ReleaseResult } from "./release.ts";
export { installBinary, binaryStore, type InstallResult } from "./install.ts";
export { manifestText, readManifest, releaseId, type ReleaseManifest, type ReleaseTarget, type ReleaseHook } from "./manifest.ts";
export { thinHooksJson, thinPowershellCommand, thinSessionCommand, thinShellCommand, dataLink } from "../../hosts/claude/thin-hooks-json.ts";
export { releaseLaunchers } from "./launchers.ts";
