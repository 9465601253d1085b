import { describe, expect, test } from "bun:test";
import { checkBinary, parseBinaryHeader } from "./binary-format.ts";
import { hostTarget, parseTarget, resolveTargets } from "./targets.ts";

// Minimal synthetic headers, laid out as the specs say (not copied from a tool), so each check can fail on its own.
function elf(machine: number, interp?: string): Uint8Array {
  const b = new Uint8Array(512);
  const v = new DataView(b.buffer);
  b.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]);
  v.setUint16(18, machine, true);
  v.setBigUint64(32, 64n, true); // e_phoff
  v.setUint16(54, 56, true); // e_phentsize
  v.setUint16(56, interp ? 1 : 0, true);
  if (interp) {
    v.setUint32(64, 3, true); // PT_INTERP
    v.setBigUint64(64 + 8, 200n, true);
    v.setBigUint64(64 + 32, BigInt(interp.length + 1), true);
    b.set(new TextEncoder().encode(interp), 200);
  }
  return b;
}
function macho(cpu: number): Uint8Array {
  const b = new Uint8Array(64);
  const v = new DataView(b.buffer);
  v.setUint32(0, 0xfeedfacf, true);
  v.setUint32(4, cpu, true);
  return b;
}
function pe(machine: number, subsystem = 3, certificateBytes = 0): Uint8Array {
  const b = new Uint8Array(512);
  const v = new DataView(b.buffer);
  b.set([0x4d, 0x5a]);
  v.setUint32(0x3c, 0x80, true);
  v.setUint32(0x80, 0x50450000);
  v.setUint16(0x84, machine, true);
  v.setUint16(0x80 + 24, 0x20b, true); // PE32+
  v.setUint16(0x80 + 24 + 68, subsystem, true);
  v.setUint32(0x80 + 24 + 148, certificateBytes, true);
  return b;
}

describe("executable headers", () => {
  test("ELF: CPU and loader", () => {
    expect(parseBinaryHeader(elf(0x3e, "/lib64/ld-linux-x86-64.so.2"))).toEqual({
      format: "elf",
      os: "linux",
      cpu: "x64",
      interpreter: "/lib64/ld-linux-x86-64.so.2",
    });
    expect(parseBinaryHeader(elf(0xb7)).cpu).toBe("arm64");
  });

  test("each target accepts only its own format, CPU and libc", () => {
    const gnuArm = parseBinaryHeader(elf(0xb7, "/lib/ld-linux-aarch64.so.1"));
    expect(checkBinary(gnuArm, parseTarget("linux-arm64"))).toEqual([]);
    expect(checkBinary(gnuArm, parseTarget("linux-x64"))).toEqual(["CPU is arm64, expected x64"]);
    expect(checkBinary(gnuArm, parseTarget("linux-arm64-musl"))).toEqual(["loader is /lib/ld-linux-aarch64.so.1, expected musl"]);
    const musl = parseBinaryHeader(elf(0x3e, "/lib/ld-musl-x86_64.so.1"));
    expect(checkBinary(musl, parseTarget("linux-x64-musl"))).toEqual([]);
    expect(checkBinary(musl, parseTarget("linux-x64"))[0]).toMatch(/expected glibc/);

    const mac = parseBinaryHeader(macho(0x0100000c));
    expect(checkBinary(mac, parseTarget("darwin-arm64"))).toEqual([]);
    expect(checkBinary(mac, parseTarget("darwin-x64"))).toEqual(["CPU is arm64, expected x64"]);
    expect(checkBinary(mac, parseTarget("linux-arm64"))).toEqual(["format is macho, expected elf"]);

    expect(checkBinary(parseBinaryHeader(pe(0x8664)), parseTarget("windows-x64"))).toEqual([]);
    expect(checkBinary(parseBinaryHeader(pe(0xaa64)), parseTarget("windows-x64"))).toEqual(["CPU is arm64, expected x64"]);
    // A GUI-subsystem exe (--windows-hide-console) gets no stdin/stdout: useless as a hook.
    expect(checkBinary(parseBinaryHeader(pe(0x8664, 2)), parseTarget("windows-x64"))[0]).toMatch(/subsystem is 2/);
  });

  test("PE: an Authenticode certificate table is noticed", () => {
    expect(parseBinaryHeader(pe(0x8664)).authenticode).toBe(false);
    expect(parseBinaryHeader(pe(0x8664, 3, 9000)).authenticode).toBe(true);
  });

  test("anything else is refused with a plain message", () => {
    expect(() => parseBinaryHeader(new TextEncoder().encode("#!/bin/sh\n".padEnd(100, "#")))).toThrow(/not an ELF/);
    expect(() => parseBinaryHeader(new Uint8Array(10))).toThrow(/too short/);
    expect(() => parseBinaryHeader(pe(0x8664).map((x, i) => (i === 0x80 ? 0 : x)))).toThrow(/without a PE header/);
  });
});

describe("targets", () => {
  test("default is the five shipped targets; lists, `all`, `host` and duplicates", () => {
    expect(resolveTargets(undefined).map((t) => t.name)).toEqual(["linux-x64", "linux-arm64", "darwin-x64", "darwin-arm64", "windows-x64"]);
    expect(resolveTargets(["linux-x64,linux-x64-musl", "linux-x64"]).map((t) => t.bunTarget)).toEqual([
      "bun-linux-x64",
      "bun-linux-x64-musl",
    ]);
    expect(resolveTargets(["host"])[0]!.name).toBe(hostTarget().name);
    expect(hostTarget("win32", "x64")).toMatchObject({ name: "windows-x64", os: "windows", cpu: "x64" });
    expect(() => parseTarget("linux-riscv64")).toThrow(/unknown target "linux-riscv64"/);
    expect(() => hostTarget("freebsd", "x64")).toThrow(/no Bun target/);
  });
});
