// Runs question-preference from source as a process (`bun run …/question-preference/main.ts`), as the
// benches' "bun run" rows do. The hook's own module has no `import.meta.main` line: a mod cannot have one.
import { runHookMain } from "hookkit";
import hook from "../question-preference.ts";

await runHookMain(hook);
