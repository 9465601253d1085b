/** A process environment as hooks see it: read-only, entries may be unset. */
export type Env = Readonly<Record<string, string | undefined>>;
