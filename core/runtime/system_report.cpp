#include "core/runtime/system_report.h"

#include "core/runtime/freed_memory.h"
#include "core/runtime/loaded_libraries.h"
#include "core/runtime/torch_runtime.h"

#include <ATen/Functions.h>
#include <ATen/Parallel.h>
#include <c10/core/DeviceType.h>
#include <chrono>
#include <nlohmann/json.hpp>
#include <opencv2/core/version.hpp>
#include <opencv2/videoio/registry.hpp>
#include <torch/cuda.h>
#include <torch/version.h>

namespace polytrain::runtime {
namespace {

// Repeats an n x n float matmul until `seconds` have passed; 2 n^3 flops each.
double measureGemmGflops(int n, double seconds) {
  const at::Tensor a = at::rand({n, n});
  const at::Tensor b = at::rand({n, n});
  at::Tensor c = at::mm(a, b); // warm-up: thread pool start, BLAS init
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  long long repeats = 0;
  double elapsed = 0.0;
  do {
    at::mm_out(c, a, b);
    ++repeats;
    elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  } while (elapsed < seconds);
  return 2.0 * n * n * static_cast<double>(n) * static_cast<double>(repeats) / elapsed / 1e9;
}

std::vector<std::string> videoBackendNames() {
  std::vector<std::string> names;
  for (const cv::VideoCaptureAPIs backend : cv::videoio_registry::getBackends())
    names.push_back(cv::videoio_registry::getBackendName(backend));
  return names;
}

} // namespace

SystemReport collectSystemReport(const ReportOptions& options) {
  SystemReport report;
  report.torchVersion = TORCH_VERSION;
  report.opencvVersion = CV_VERSION;
  report.jsonVersion = std::to_string(NLOHMANN_JSON_VERSION_MAJOR) + "." + std::to_string(NLOHMANN_JSON_VERSION_MINOR) +
                       "." + std::to_string(NLOHMANN_JSON_VERSION_PATCH);
  report.cores = availableCores();
  report.intraOpThreads = at::get_num_threads();
  report.blasThreads = blasThreads();
  report.freedMemoryKept = freedMemoryKept();
  report.cudaAvailable = torch::cuda::is_available();
  report.cudaDeviceCount = report.cudaAvailable ? static_cast<int>(torch::cuda::device_count()) : 0;
  for (int index = 0; index < report.cudaDeviceCount; ++index)
    report.cudaDeviceNames.push_back("cuda:" + std::to_string(index));
  report.videoBackends = videoBackendNames();

  if (options.measureGemm) {
    report.gemmSize = 512;
    report.gemmGflops = measureGemmGflops(report.gemmSize, options.gemmSeconds);
  }
  // The BLAS is looked up after the GEMM so that a lazily loaded implementation is mapped by then.
  report.blasLibrary = loadedBlasLibrary();
  report.referenceBlas = isReferenceBlas(report.blasLibrary);

  if (report.blasLibrary.empty())
    report.warnings.push_back("no BLAS library found in this process; torch may use its slow built-in kernels");
  if (report.referenceBlas)
    report.warnings.push_back("the reference BLAS (" + report.blasLibrary +
                              ") is in use: linear layers run 5-10x slower. Install libopenblas0-pthread "
                              "(packaging/install-deps.sh does).");
  if (report.intraOpThreads < report.cores)
    report.warnings.push_back("torch uses " + std::to_string(report.intraOpThreads) + " intra-op threads on " +
                              std::to_string(report.cores) + " cores; pass --threads " + std::to_string(report.cores) +
                              " or raise the Threads setting");
  return report;
}

} // namespace polytrain::runtime
