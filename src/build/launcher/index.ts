// The launchers that sit next to the binaries in a plugin bundle's bin/ (see launcher.sh for how it picks one).
import posix from "./launcher.sh" with { type: "text" };
import powershell from "./launcher.ps1" with { type: "text" };

export const launchers = { posix, powershell };
