// Reads the executable header of a build output (ELF, Mach-O, PE) so a wrong target can never ship silently:
// a cross-compile that fell back to the host runtime would still "build" but would not start on the user's machine.
import type { Cpu, Os, Target } from "./targets.ts";

export interface BinaryInfo {
  format: "elf" | "macho" | "pe";
  os: Os;
  cpu: Cpu | "other";
  /** ELF only: the dynamic loader (PT_INTERP), which tells glibc from musl. */
  interpreter?: string;
  /** PE only: 3 = console. Hooks talk over stdin/stdout, so a GUI-subsystem exe would be deaf. */
  peSubsystem?: number;
  /** PE only: an Authenticode certificate table is present (Bun's output has none; sign before release). */
  authenticode?: boolean;
}

const ELF_MACHINE: Record<number, Cpu> = { 0x3e: "x64", 0xb7: "arm64" };
const MACHO_CPU: Record<number, Cpu> = { 0x01000007: "x64", 0x0100000c: "arm64" };
const PE_MACHINE: Record<number, Cpu> = { 0x8664: "x64", 0xaa64: "arm64" };

/** Parses the first bytes of an executable. Throws with a plain message when the header is not one we ship. */
export function parseBinaryHeader(bytes: Uint8Array): BinaryInfo {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 64) throw new Error(`file too short for an executable header (${bytes.length} bytes)`);

  if (view.getUint32(0) === 0x7f454c46) return parseElf(bytes, view);
  if (view.getUint32(0, true) === 0xfeedfacf) {
    const cpu = MACHO_CPU[view.getUint32(4, true)] ?? "other";
    return { format: "macho", os: "darwin", cpu };
  }
  if (bytes[0] === 0x4d && bytes[1] === 0x5a) return parsePe(view);
  throw new Error("not an ELF, 64-bit Mach-O or PE executable");
}

function parseElf(bytes: Uint8Array, view: DataView): BinaryInfo {
  if (bytes[4] !== 2 || bytes[5] !== 1) throw new Error("ELF is not 64-bit little-endian");
  const cpu = ELF_MACHINE[view.getUint16(18, true)] ?? "other";
  const phoff = Number(view.getBigUint64(32, true));
  const phentsize = view.getUint16(54, true);
  const phnum = view.getUint16(56, true);
  let interpreter: string | undefined;
  for (let i = 0; i < phnum; i++) {
    const at = phoff + i * phentsize;
    if (at + 40 > bytes.length) break;
    if (view.getUint32(at, true) !== 3) continue; // PT_INTERP
    const offset = Number(view.getBigUint64(at + 8, true));
    const size = Number(view.getBigUint64(at + 32, true));
    if (offset + size <= bytes.length) {
      interpreter = new TextDecoder().decode(bytes.subarray(offset, offset + size)).replace(/\0+$/, "");
    }
  }
  return { format: "elf", os: "linux", cpu, interpreter };
}

function parsePe(view: DataView): BinaryInfo {
  const lfanew = view.getUint32(0x3c, true);
  if (lfanew + 24 + 70 > view.byteLength || view.getUint32(lfanew) !== 0x50450000) {
    throw new Error("MZ file without a PE header");
  }
  const cpu = PE_MACHINE[view.getUint16(lfanew + 4, true)] ?? "other";
  const optional = lfanew + 24;
  const peSubsystem = view.getUint16(optional + 68, true);
  // Data directory 4 (certificate table) of a PE32+ optional header: offset 112 + 4 * 8, then its size.
  const certSize = view.getUint16(optional, true) === 0x20b && optional + 152 <= view.byteLength ? view.getUint32(optional + 148, true) : 0;
  return { format: "pe", os: "windows", cpu, peSubsystem, authenticode: certSize > 0 };
}

export async function readBinaryInfo(path: string): Promise<BinaryInfo> {
  // 64 KiB covers the ELF program headers and PT_INTERP string of every Bun runtime seen so far.
  const head = new Uint8Array(await Bun.file(path).slice(0, 65536).arrayBuffer());
  return parseBinaryHeader(head);
}

/** Returns the list of mismatches between what was asked for and what the header says (empty = fine). */
export function checkBinary(info: BinaryInfo, target: Target): string[] {
  const problems: string[] = [];
  const format = { linux: "elf", darwin: "macho", windows: "pe" }[target.os];
  if (info.format !== format) problems.push(`format is ${info.format}, expected ${format}`);
  if (info.cpu !== target.cpu) problems.push(`CPU is ${info.cpu}, expected ${target.cpu}`);
  if (info.format === "elf") {
    const musl = /ld-musl/.test(info.interpreter ?? "");
    if (target.variant === "musl" && !musl) problems.push(`loader is ${info.interpreter ?? "none"}, expected musl`);
    if (target.variant !== "musl" && musl) problems.push(`loader is ${info.interpreter}, expected glibc`);
  }
  if (info.format === "pe" && info.peSubsystem !== 3) {
    problems.push(`PE subsystem is ${info.peSubsystem}, expected 3 (console): a hook needs stdin/stdout`);
  }
  return problems;
}
