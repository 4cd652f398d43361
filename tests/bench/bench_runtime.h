#pragma once
// Process setup shared by the benchmarks that time torchvision in a child python process. Both sides must run as the
// studio runs: runtime::configureTorch's intra-op threads, flushed denormals, oneDNN's bounded primitive cache, one
// OpenBLAS thread and the allocator keeping freed memory (through GLIBC_TUNABLES for python), so that the ratio
// measures the models, not the process settings. The learning-curve bench measured torchvision's Mask R-CNN epoch 20-28
// % faster with one BLAS thread than with OpenBLAS's own pool, so a bench that gives the sides different BLAS pools
// measures that, not us.
#include "core/runtime/freed_memory.h"
#include "core/runtime/loaded_libraries.h"
#include "core/runtime/torch_runtime.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <string>

namespace polytrain::bench {

// Sets up this process and, through the environment, the python child started later; an OPENBLAS_NUM_THREADS the
// user set applies to both sides. Returns the intra-op thread count in force.
inline int configureBothSides(int threads) {
  const int inForce = runtime::configureTorch({threads});
  const int blas = runtime::blasThreads();
  ::setenv("OPENBLAS_NUM_THREADS", std::to_string(blas > 0 ? blas : 1).c_str(), 0);
  if (runtime::freedMemoryKept())
    ::setenv("GLIBC_TUNABLES", runtime::kKeepFreedMemoryTunables, 0);
  return inForce;
}

// The BLAS library this process loaded and its thread count, for the bench's header line.
inline std::string blasReport() {
  const std::string path = runtime::loadedBlasLibrary();
  const std::string name = path.empty() ? "unknown" : path.substr(path.find_last_of('/') + 1);
  const int threads = runtime::blasThreads();
  return threads > 0 ? name + ", " + std::to_string(threads) + " thread(s)" : name;
}

// Best wall-clock time of fn() over reps runs, in ms.
inline double best_ms(const std::function<void()>& fn, int reps) {
  double best = 1e300;
  for (int r = 0; r < reps; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    fn();
    best = std::min(best, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  return best;
}

} // namespace polytrain::bench
