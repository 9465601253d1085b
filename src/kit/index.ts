// The kit: helpers hooks share, curated (`hookkit/kit`). Every kit module loads its built-ins on
// first use (base/lazy.ts), so importing this index puts none of them on a hook's start path
// (test/architecture/startup-path.test.ts). The model client is `hookkit/kit/llm`.
export { envValue, expandHome, homeDir, hookkitStateRoot } from "../base/state.ts";
export { appendLine, atomicWrite, readJson, safeSegment } from "./files.ts";
export { openCache, peekCache, type Cache, type CacheOptions } from "./cache.ts";
export { childEnv, runProcess, type RunOptions, type RunResult } from "./subprocess.ts";
export { findGitRepo, remoteUrl, type GitRepo } from "./git.ts";
export { discoverPython, describeDiscovery, type Discovery, type DiscoverOptions, type PythonVersion } from "./python.ts";
export { findDistInfo, sitePackagesDirs, venvPython } from "./venv.ts";

// Start-path tools: what a hook that must answer in a few milliseconds uses instead of importing
// node:fs or node:path at module level (the example plugins' hooks use them on their warm paths).
export { bunSqlite, nodeFs, nodeOs, nodePath } from "../base/lazy.ts";
export { exists, quickStat, readTextIfExists, type QuickStat } from "../base/stat.ts";
export { joinPath, parentDir } from "../base/paths.ts";
export { assertConfined, isInside } from "../base/confine.ts";
export { describeError } from "../base/errors.ts";
export { candidateCommands, DEFAULT_PROBE_TIMEOUT_MS, formatVersion, MIN_PYTHON, pythonEnv, whichCommand } from "./python.ts";
export { killProcessGroup } from "./subprocess.ts";
export { joinFor } from "./venv.ts";
