#pragma once
// Process-wide settings for libtorch, applied once at startup by the GUI and the CLI. Torch-free header.

namespace polytrain::runtime {

struct RuntimeOptions {
  int threads = 0;            // intra-op threads; 0 means one per core
  bool flushDenormals = true; // measured here: without it some training steps ran 5-8x slower
};

// Cores this process may run on (respects the CPU affinity mask, so taskset and containers count right).
int availableCores();

// libtorch starts with hardware_concurrency()/2 intra-op threads; this sets what the options ask.
// Returns the thread count in force afterwards.
int configureTorch(const RuntimeOptions& options);

int intraOpThreads();

} // namespace polytrain::runtime
