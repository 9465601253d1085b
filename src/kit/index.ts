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
