#pragma once
// How the C library's allocator treats the memory of freed tensors. Torch-free header.
//
// glibc hands every block over its mmap threshold (at most 32 MiB) straight back to the kernel when it is freed, so
// each training step and each frame maps its large tensors afresh and the kernel zero-fills every page again. A perf
// profile of Mask R-CNN eval showed 11 % of the samples in page faults and page clearing. Kept in the heap, freed
// blocks are reused at once: tests/bench/maskrcnn_bench measured eval 1299 -> 1022 ms (MobileNetV3-FPN at 320) and
// 2287 -> 1671 ms (ResNet-50-FPN at 512), a ResNet-50 train step 6927 -> 5887 ms (2 threads). The cost is that the
// process keeps its high-water mark until releaseFreedMemory().

namespace polytrain::runtime {

// Serves large blocks from the heap and keeps freed memory for reuse. Does nothing when GLIBC_TUNABLES is set (the
// user's malloc tunables win) or with another C library. Returns whether it changed the allocator.
bool keepFreedMemoryForReuse();

// Whether keepFreedMemoryForReuse changed the allocator in this process (what `doctor` reports).
bool freedMemoryKept();

// Returns free heap memory to the system: after a training run or when a model is unloaded.
void releaseFreedMemory();

} // namespace polytrain::runtime
