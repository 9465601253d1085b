// One compiled binary holding both example hooks (plugins/test/package.json lists them), built once per
// source state by hookkit's testing helper, so the cross-plugin suites run `[binary, "<hook>"]` as before.
import { buildProject, type ProjectBuild } from "../../src/testing/index.ts";

export const hostBuild = (): Promise<ProjectBuild> => buildProject(import.meta.dir);
export const hostBinary = async (): Promise<string> => (await hostBuild()).binary;
