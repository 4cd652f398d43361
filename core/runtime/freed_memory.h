#pragma once
// How the C library's allocator treats the memory of freed tensors. Torch-free header.
//
// glibc hands every block over its mmap threshold (at most 32 MiB) straight back to the kernel when it is freed, so
// each training step and each frame maps its large tensors afresh and the kernel zero-fills every page again. A perf
// profile of Mask R-CNN eval showed 11 % of the samples in page faults and page clearing. Kept in the heap, freed
// blocks are reused at once: tests/bench/maskrcnn_bench measured eval 1299 -> 1024 ms (MobileNetV3-FPN at 320) and
// 2287 -> 1684 ms (ResNet-50-FPN at 512), a ResNet-50 train step 6927 -> 5939 ms (2 threads). The cost is that the
// process keeps its high-water mark until releaseFreedMemory().

namespace polytrain::runtime {

// Serves large blocks from the heap and keeps freed memory for reuse. Does nothing when GLIBC_TUNABLES sets a malloc
// tunable (the user's wins) or with another C library. Returns whether it changed the allocator.
bool keepFreedMemoryForReuse();

// The same settings as glibc tunables, for a child process (the benchmarks' torchvision side).
inline constexpr const char* kKeepFreedMemoryTunables =
    "glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=1073741824:glibc.malloc.top_pad=67108864";

// Whether keepFreedMemoryForReuse changed the allocator in this process (what `doctor` reports).
bool freedMemoryKept();

// Returns free heap memory to the system; Trainer::run calls it when a run ends. Inference keeps its high-water mark
// while the model stays loaded.
void releaseFreedMemory();

} // namespace polytrain::runtime
