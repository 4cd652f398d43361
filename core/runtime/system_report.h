#pragma once
// What `polytrain-cli doctor` and the About dialog report about the machine. Torch-free header.
#include <string>
#include <vector>

namespace polytrain::runtime {

struct SystemReport {
  std::string torchVersion;
  std::string opencvVersion;
  std::string jsonVersion; // nlohmann_json
  std::string blasLibrary; // real path of the BLAS shared object in use; empty if none found
  bool referenceBlas = false;
  double gemmGflops = 0.0; // float32 square GEMM through torch, measured for about one second; 0 if skipped
  int gemmSize = 0;
  int intraOpThreads = 0;
  int blasThreads = 0; // OpenBLAS's own pool; 0 with another BLAS
  int cores = 0;
  bool freedMemoryKept = false; // large freed blocks stay in the heap for reuse (freed_memory.h)
  bool cudaAvailable = false;
  int cudaDeviceCount = 0;
  std::vector<std::string> cudaDeviceNames;
  std::vector<std::string> videoBackends; // OpenCV video I/O backends compiled in
  std::vector<std::string> warnings;      // things a user should fix, in words
};

struct ReportOptions {
  bool measureGemm = true;
  double gemmSeconds = 1.0;
};

SystemReport collectSystemReport(const ReportOptions& options = {});

} // namespace polytrain::runtime
