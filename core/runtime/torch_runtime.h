#pragma once
// Process-wide settings for libtorch, applied once at startup by the GUI and the CLI. Torch-free header.

namespace polytrain::runtime {

struct RuntimeOptions {
  int threads = 0;            // intra-op threads; 0 means one per core
  bool flushDenormals = true; // measured here: without it some training steps ran 5-8x slower
  // OpenBLAS's own thread pool, next to libtorch's OpenMP threads. Two pools on the same cores fight: OpenBLAS's
  // workers yield in a loop while libgomp's spin, and a perf profile of cpu-quick training showed 40 % of the samples
  // there. With one BLAS thread (libtorch still parallelises around the GEMMs) the same 75 s of cpu-quick training
  // ran 100 steps instead of 72 and evaluating its checkpoint on 50 images took 3.8 s instead of 6.6 (2 cores).
  // An OPENBLAS_NUM_THREADS the user set wins; no effect with another BLAS.
  int blasThreads = 1;
  // Large freed blocks stay in the heap for the next step instead of going back to the kernel (freed_memory.h).
  bool keepFreedMemory = true;
};

// oneDNN keeps every convolution primitive it made for a new tensor shape, 1024 by default; a training run whose
// batch shapes vary grew by 300 MiB over 10 epochs that way (tests/bench/training_memory_bench.sh). A training step
// needs three primitives per convolution (forward, data and weight gradients) plus reorders: SSDlite's working set
// is 400-500. At 256 every step rebuilt and re-JITed them on one thread while the other spun: an SSDlite epoch
// (cpu-ssd, 200 images) took 21.3 s against 15.0 at 512, a Mask R-CNN cpu-quick epoch 34.5 s against 29.2 (the SSDlite
// epoch at 384: still 20.9 s). At 512 the memory bench's peak was 664 MiB after 8 epochs (662 at 256, 743 at 1024),
// flat from epoch 10 to 16. configureTorch sets it unless ONEDNN_PRIMITIVE_CACHE_CAPACITY is already in the
// environment.
inline constexpr int kPrimitiveCacheCapacity = 512;

// Cores this process may run on (respects the CPU affinity mask, so taskset and containers count right).
int availableCores();

// libtorch starts with hardware_concurrency()/2 intra-op threads; this sets what the options ask, OpenBLAS's thread
// count, the allocator's reuse of freed memory, and bounds oneDNN's primitive cache (before any model runs, as oneDNN
// reads it once). Returns the intra-op thread count in force.
int configureTorch(const RuntimeOptions& options);

int intraOpThreads();

// OpenBLAS's thread count in force; 0 when the BLAS in use is not OpenBLAS.
int blasThreads();

} // namespace polytrain::runtime
