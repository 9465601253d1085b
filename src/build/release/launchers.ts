// The scripts a thin plugin carries in bin/, embedded as text so `hookkit release` also works from a compiled hookkit.
import fetch from "./fetch.sh" with { type: "text" };
import posix from "./launcher.sh" with { type: "text" };
import powershell from "./launcher.ps1" with { type: "text" };

export const releaseLaunchers = { posix, fetch, powershell };
