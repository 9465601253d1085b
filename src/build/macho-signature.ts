// Checks a Mach-O binary's code signature the way the macOS kernel does on page-in: every page hash in the
// CodeDirectory must match the file. Apple Silicon kills a binary whose signature does not (exit 137), and
// Bun's darwin-x64 output has carried the signature of the bun binary it was made from, which no longer matches, so
// the build says which darwin outputs must be re-signed before release. (Certificates are not checked: an
// ad-hoc signature is what a cross-build can give; Developer ID signing happens on a Mac.)

export interface SignatureCheck {
  status: "valid" | "invalid" | "unsigned";
  pages: number;
  badPages: number;
}

const LC_CODE_SIGNATURE = 0x1d;
const SUPERBLOB = 0xfade0cc0;
const CODEDIRECTORY = 0xfade0c02;
const HASHES: Record<number, "sha1" | "sha256"> = { 1: "sha1", 2: "sha256" };

export function checkMachOSignature(file: Uint8Array): SignatureCheck {
  const le = new DataView(file.buffer, file.byteOffset, file.byteLength);
  if (le.getUint32(0, true) !== 0xfeedfacf) throw new Error("not a 64-bit Mach-O file");
  const ncmds = le.getUint32(16, true);
  let at = 32;
  let sig: { offset: number; size: number } | undefined;
  for (let i = 0; i < ncmds && at + 8 <= file.length; i++) {
    if (le.getUint32(at, true) === LC_CODE_SIGNATURE) sig = { offset: le.getUint32(at + 8, true), size: le.getUint32(at + 12, true) };
    at += le.getUint32(at + 4, true);
  }
  if (!sig || sig.offset + sig.size > file.length) return { status: "unsigned", pages: 0, badPages: 0 };

  const be = new DataView(file.buffer, file.byteOffset + sig.offset, sig.size);
  if (be.getUint32(0) !== SUPERBLOB) return { status: "invalid", pages: 0, badPages: 0 };
  const count = be.getUint32(8);
  for (let i = 0; i < count; i++) {
    const type = be.getUint32(12 + i * 8);
    const offset = be.getUint32(16 + i * 8);
    if (type !== 0 || be.getUint32(offset) !== CODEDIRECTORY) continue; // slot 0: the primary CodeDirectory
    return checkPages(file, new DataView(be.buffer, be.byteOffset + offset));
  }
  return { status: "invalid", pages: 0, badPages: 0 };
}

function checkPages(file: Uint8Array, cd: DataView): SignatureCheck {
  const hashOffset = cd.getUint32(16);
  const pages = cd.getUint32(28);
  const codeLimit = cd.getUint32(32);
  const hashSize = cd.getUint8(36);
  const algorithm = HASHES[cd.getUint8(37)];
  const pageSize = 2 ** cd.getUint8(39);
  if (!algorithm) return { status: "invalid", pages, badPages: pages };
  const expected = new Uint8Array(cd.buffer, cd.byteOffset + hashOffset, pages * hashSize);
  let badPages = 0;
  for (let page = 0; page < pages; page++) {
    const start = page * pageSize;
    const hasher = new Bun.CryptoHasher(algorithm);
    hasher.update(file.subarray(start, Math.min(start + pageSize, codeLimit)));
    const actual = hasher.digest();
    const want = expected.subarray(page * hashSize, (page + 1) * hashSize);
    if (!want.every((byte, k) => byte === actual[k])) badPages++;
  }
  return { status: badPages === 0 ? "valid" : "invalid", pages, badPages };
}

export async function readMachOSignature(path: string): Promise<SignatureCheck> {
  return checkMachOSignature(new Uint8Array(await Bun.file(path).arrayBuffer()));
}
