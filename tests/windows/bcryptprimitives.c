/* For the tests under Wine only, never shipped: Wine 8 lacks bcryptprimitives.dll, whose
   ProcessPrng every Rust program for Windows imports (every Windows 10 and 11 has it). This
   stand-in fills the buffer from RtlGenRandom (SystemFunction036 in advapi32). */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
