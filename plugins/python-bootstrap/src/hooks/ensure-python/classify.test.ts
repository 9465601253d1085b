import { describe, expect, test } from "bun:test";
import { STDERR_SAMPLES } from "../../../test/fixtures/stderr-samples.ts";
import { classifyStderr, STDERR_RULES } from "./classify.ts";

describe("stderr classification", () => {
  test("the table has the seed's nine categories in the seed's order", () => {
    expect(STDERR_RULES.map((r) => r.kind)).toEqual(STDERR_SAMPLES.map(([k]) => k));
  });

  for (const [kind, stderr] of STDERR_SAMPLES) {
    test(`${kind}`, () => expect(classifyStderr(stderr)).toBe(kind));
  }

  test("the first matching category wins (order matters)", () => {
    // pip prints the refused-connection retries, then gives up with "could not find a version".
    expect(classifyStderr("Connection refused\nERROR: Could not find a version that satisfies")).toBe("pip_no_match");
    expect(classifyStderr("Temporary failure in name resolution; connection reset")).toBe("dns_fail");
    expect(classifyStderr("SSL certificate problem; read timed out")).toBe("ssl_verify");
    expect(classifyStderr("proxy tunnel; Permission denied")).toBe("perm_denied");
    expect(classifyStderr("No space left on device; proxy 407")).toBe("disk_full");
    expect(classifyStderr("proxy authentication required; timeout")).toBe("proxy_auth");
  });

  test("ssl needs verify/certificate; proxy needs authent/tunnel/407", () => {
    expect(classifyStderr("ssl module is not available")).toMatch(/^other:/);
    expect(classifyStderr("proxy: bad gateway")).toMatch(/^other:/);
  });

  test("anything else: other:<first 60 chars of the last non-empty line>", () => {
    const long = "E".repeat(80);
    expect(classifyStderr(`first\n  ${long}  \n\n   \n`)).toBe(`other:${"E".repeat(60)}`);
    expect(classifyStderr("boom\r\nsecond line\r\n")).toBe("other:second line");
    expect(classifyStderr("")).toBe("other");
    expect(classifyStderr(" \n \n")).toBe("other");
  });
});
