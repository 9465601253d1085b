// The hookkit CLI, loaded lazily by src/main.ts for anything that is not a hook name.
export { runCli } from "./root.ts";
