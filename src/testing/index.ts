// Test helpers for hook authors: in-process runs, realistic fixtures, real child processes.
export { invokeHook, parseLines, type HookRun, type InvokeOptions } from "./invoke.ts";
export { spawnHook, type SpawnRun, type SpawnOptions } from "../runtime/spawn.ts";
export { fixtures, sampleInput, SAMPLE_FIELDS, SAMPLE_TOOL_INPUTS } from "../protocol/samples.ts";
export { buildProject, hooksJsonHandler, runBuiltHook, type ProjectBuild } from "../build/project-build.ts";
// Fake Python interpreters (shell scripts) for testing hooks that find or run Python.
export { FAKE_HANG, FAKE_PYTHON2, FAKE_STORE_STUB, fakeBin, fakePyLauncher, fakePython, realPython, recordingWrapper, recordVenvPython, toolsBin } from "./python-fakes.ts";
export { testPortable, type TestPortableOptions } from "./portable.ts";
