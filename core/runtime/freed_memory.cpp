#include "core/runtime/freed_memory.h"

#include <atomic>
#include <cstdlib>
#include <cstring>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace polytrain::runtime {
namespace {
std::atomic<bool> kept{false};
} // namespace

bool keepFreedMemoryForReuse() {
#if defined(__GLIBC__)
  if (const char* tunables = std::getenv("GLIBC_TUNABLES"); tunables != nullptr && std::strstr(tunables, "malloc"))
    return false;
  // No mmap for large blocks: they come from the heap. A thread other than the main one allocates from its own
  // arena, whose heaps are at most 64 MiB, and glibc still maps a larger block there (the GUI trains on a QThread;
  // the CLI on the main thread). Up to 1 GiB free at the top of the heap stays mapped, about a Mask R-CNN training
  // step's working set; 64 MiB of padding per heap extension keeps brk calls rare. kKeepFreedMemoryTunables says the
  // same.
  kept = mallopt(M_MMAP_MAX, 0) == 1 && mallopt(M_TRIM_THRESHOLD, 1 << 30) == 1 && mallopt(M_TOP_PAD, 64 << 20) == 1;
  return kept;
#else
  return false;
#endif
}

bool freedMemoryKept() {
  return kept;
}

void releaseFreedMemory() {
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
}

} // namespace polytrain::runtime
