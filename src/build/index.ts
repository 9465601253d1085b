export { build, sha256File, type BuildOptions, type BuildResult, type BuiltBinary, type BuildLogger } from "./build.ts";
export { checkBinary, parseBinaryHeader, readBinaryInfo, type BinaryInfo } from "./binary-format.ts";
export { COMPILE_FLAGS, compileTarget } from "./compile.ts";
export { hooksJson, hooksJsonText, loadDefinitions, powershellCommand, shellCommand, type HooksForm, type HookFacts } from "../hosts/claude/hooks-json.ts";
export { binaryName, DEFAULT_TARGETS, hostTarget, parseTarget, resolveTargets, type Target } from "./targets.ts";
export { parseBuildArgs, BUILD_USAGE } from "./args.ts";
export { checkMachOSignature, readMachOSignature, type SignatureCheck } from "./macho-signature.ts";
