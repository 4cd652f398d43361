#include "core/runtime/freed_memory.h"

#include <cstdlib>
#include <cstring>
#include <gtest/gtest.h>
#include <malloc.h>

using namespace polytrain::runtime;

namespace {

constexpr size_t kBlock = 96u << 20; // over glibc's largest mmap threshold (32 MiB) and a thread arena's heap

void* volatile observed = nullptr; // a block the compiler cannot prove unused, so malloc and free stay

void* touchedBlock() {
  void* block = std::malloc(kBlock);
  std::memset(block, 1, kBlock);
  observed = block;
  return block;
}

} // namespace

TEST(FreedMemoryTest, LargeBlocksComeFromTheHeapAndStayForReuse) {
  ::unsetenv("GLIBC_TUNABLES");
  ASSERT_TRUE(keepFreedMemoryForReuse());
  const size_t mappedBefore = mallinfo2().hblkhd;
  void* block = touchedBlock();
  EXPECT_EQ(mallinfo2().hblkhd, mappedBefore) << "a 96 MiB block was mmapped, not taken from the heap";
  const size_t freeBefore = mallinfo2().fordblks;
  std::free(block);
  EXPECT_GE(mallinfo2().fordblks - freeBefore, kBlock) << "the freed block went back to the kernel";
  void* again = touchedBlock();
  EXPECT_EQ(again, block) << "the freed block was not reused";
  std::free(again);
}

TEST(FreedMemoryTest, ReleaseReturnsTheKeptMemory) {
  ::unsetenv("GLIBC_TUNABLES");
  ASSERT_TRUE(keepFreedMemoryForReuse());
  const size_t heapBefore = mallinfo2().arena;
  std::free(touchedBlock());
  const size_t heapWithBlock = mallinfo2().arena;
  ASSERT_GE(heapWithBlock - heapBefore, kBlock) << "the block did not come from the heap";
  releaseFreedMemory();
  EXPECT_LE(mallinfo2().arena + kBlock / 2, heapWithBlock) << "malloc_trim kept the freed block";
}

TEST(FreedMemoryTest, TheUsersMallocTunablesWin) {
  ::setenv("GLIBC_TUNABLES", "glibc.malloc.mmap_threshold=131072", 1);
  EXPECT_FALSE(keepFreedMemoryForReuse());
  ::unsetenv("GLIBC_TUNABLES");
}
