// The `metrics` object of an answer: keys match METRIC_KEY_PATTERN, values bool or finite number, at
// most 20 keys (10 on older hosts), in insertion order; a bad metric is refused here, logged, and
// never sent. The hooks hookkit replaces emit these keys, so their answers keep the key — but Claude
// Code 2.1.328 ignores it for plugins loaded from a folder or a local marketplace (its debug log:
// "unrecognized keys (ignored): metrics"; docs/protocol/claude-code.md). Nothing may depend on the
// host reading it: failures are also in the hook's error log.
import { METRIC_KEY_PATTERN } from "../protocol/facts.ts";

const KEY = new RegExp(METRIC_KEY_PATTERN);

export type MetricValue = boolean | number;

export class Metrics {
  readonly #values = new Map<string, MetricValue>();
  readonly #max: number;
  readonly #onViolation: (message: string) => void;

  constructor(max = 20, onViolation: (message: string) => void = () => {}) {
    this.#max = max;
    this.#onViolation = onViolation;
  }

  /** Sets a metric; returns false (and logs why) when the key or value breaks the contract. */
  set(key: string, value: unknown): boolean {
    if (!KEY.test(key)) return this.#refuse(`metric key ${JSON.stringify(key)} does not match ${KEY.source}`);
    if (typeof value !== "boolean" && !(typeof value === "number" && Number.isFinite(value))) {
      return this.#refuse(`metric ${key}: value ${describe(value)} is not a bool or finite number`);
    }
    if (!this.#values.has(key) && this.#values.size >= this.#max) {
      return this.#refuse(`metric ${key}: already ${this.#max} keys, the host would drop it`);
    }
    this.#values.set(key, value);
    return true;
  }

  get size(): number {
    return this.#values.size;
  }

  has(key: string): boolean {
    return this.#values.has(key);
  }

  toJSON(): Record<string, MetricValue> {
    return Object.fromEntries(this.#values);
  }

  #refuse(message: string): false {
    this.#onViolation(`${message}; dropped`);
    return false;
  }
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return typeof value === "number" || typeof value === "bigint" || value === null || value === undefined ? String(value) : typeof value;
}
