/*
 * bcryptprimitives.dll for Wine 8, which lacks it: Bun's Windows runtime imports ProcessPrng from it and
 * refuses to start without it. ProcessPrng fills a buffer with random bytes and cannot fail; RtlGenRandom
 * (advapi32's SystemFunction036, present in every Wine) gives the same. Built with mingw-w64 at test time and
 * placed in the test prefix's system32 (test/windows/_wine.ts); it never ships.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
  while (length > 0) {
    ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
    if (!SystemFunction036(data, chunk)) return FALSE;
    data += chunk;
    length -= chunk;
  }
  return TRUE;
}

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved) {
  (void)instance;
  (void)reason;
  (void)reserved;
  return TRUE;
}
