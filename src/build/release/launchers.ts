// The scripts a thin plugin carries in bin/, embedded as text so `hookkit release` also works from a compiled hookkit,
// with the platform detection they share with the bundle's launchers spliced in.
import { splice } from "../launcher/splice.ts";
import fetch from "./fetch.sh" with { type: "text" };
import posix from "./launcher.sh" with { type: "text" };
import powershell from "./launcher.ps1" with { type: "text" };

export const releaseLaunchers = { posix: splice(posix), fetch: splice(fetch), powershell: splice(powershell) };
