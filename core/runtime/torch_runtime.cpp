#include "core/runtime/torch_runtime.h"

#include "core/runtime/freed_memory.h"

#include <ATen/Context.h>
#include <ATen/Parallel.h>
#include <cstdlib>
#include <dlfcn.h>
#include <sched.h>
#include <string>
#include <thread>

namespace polytrain::runtime {

int availableCores() {
  cpu_set_t mask;
  CPU_ZERO(&mask);
  if (sched_getaffinity(0, sizeof(mask), &mask) == 0) {
    const int count = CPU_COUNT(&mask);
    if (count > 0)
      return count;
  }
  const unsigned hardware = std::thread::hardware_concurrency();
  return hardware > 0 ? static_cast<int>(hardware) : 1;
}

namespace {

// OpenBLAS's controls, looked up in the process: libtorch reaches BLAS through libblas.so.3, which Debian's
// alternatives point at OpenBLAS, MKL, BLIS or the reference BLAS, so nothing can link against OpenBLAS directly.
template <typename Function> Function* openBlasFunction(const char* name) {
  return reinterpret_cast<Function*>(::dlsym(RTLD_DEFAULT, name));
}

} // namespace

int blasThreads() {
  auto* get = openBlasFunction<int()>("openblas_get_num_threads");
  return get != nullptr ? get() : 0;
}

int configureTorch(const RuntimeOptions& options) {
  if (options.blasThreads > 0 && std::getenv("OPENBLAS_NUM_THREADS") == nullptr)
    if (auto* set = openBlasFunction<void(int)>("openblas_set_num_threads"))
      set(options.blasThreads);
  if (options.keepFreedMemory)
    keepFreedMemoryForReuse();
  ::setenv("ONEDNN_PRIMITIVE_CACHE_CAPACITY", std::to_string(kPrimitiveCacheCapacity).c_str(), 0);
  const int threads = options.threads > 0 ? options.threads : availableCores();
  at::set_num_threads(threads);
  at::globalContext().setFlushDenormal(options.flushDenormals);
  return at::get_num_threads();
}

int intraOpThreads() {
  return at::get_num_threads();
}

} // namespace polytrain::runtime
