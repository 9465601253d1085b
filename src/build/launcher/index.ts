// The launchers that sit next to the binaries in a plugin bundle's bin/ (see launcher.sh for how it picks one),
// with the shared platform detection spliced in (splice.ts).
import posix from "./launcher.sh" with { type: "text" };
import powershell from "./launcher.ps1" with { type: "text" };
import { splice } from "./splice.ts";

export const launchers = { posix: splice(posix), powershell: splice(powershell) };
