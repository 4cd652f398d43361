// `polytrain-cli doctor`: what this machine gives the studio, and what to fix.
#include "app/cli/commands.h"
#include "core/runtime/system_report.h"
#include "polytrain/version.h"

#ifdef POLYTRAIN_WITH_QT
#include <QtGlobal>
#endif
#include <cstdio>
#include <iostream>

namespace polytrain::cli {
namespace {

std::string joined(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items)
    text += (text.empty() ? "" : ", ") + item;
  return text.empty() ? "none" : text;
}

int runDoctor(bool skipGemm) {
  runtime::ReportOptions options;
  options.measureGemm = !skipGemm;
  const runtime::SystemReport report = runtime::collectSystemReport(options);

  std::cout << kProductName << " " << kVersion << "\n";
#ifdef POLYTRAIN_WITH_QT
  std::cout << "Qt:               " << qVersion() << "\n";
#else
  std::cout << "Qt:               not built (POLYTRAIN_BUILD_GUI=OFF)\n";
#endif
  std::cout << "libtorch:         " << report.torchVersion << "\n";
  std::cout << "OpenCV:           " << report.opencvVersion << "\n";
  std::cout << "BLAS:             " << (report.blasLibrary.empty() ? "not found" : report.blasLibrary)
            << (report.referenceBlas ? "  (REFERENCE BLAS: slow)" : "") << "\n";
  if (report.gemmGflops > 0) {
    char gflops[64];
    std::snprintf(gflops, sizeof gflops, "%.1f", report.gemmGflops);
    std::cout << "GEMM:             " << gflops << " GFLOP/s (float32 " << report.gemmSize << "x" << report.gemmSize
              << ", " << (report.blasThreads > 0 ? report.blasThreads : report.intraOpThreads) << " BLAS threads)\n";
  }
  std::cout << "Intra-op threads: " << report.intraOpThreads << " of " << report.cores << " cores";
  if (report.blasThreads > 0)
    std::cout << ", OpenBLAS " << report.blasThreads << " (its pool beside libtorch's; OPENBLAS_NUM_THREADS sets it)";
  std::cout << "\n";
  std::cout << "Freed memory:     "
            << (report.freedMemoryKept
                    ? "kept in the heap for the next step (GLIBC_TUNABLES with malloc settings turns "
                      "this off)"
                    : "the C library's defaults")
            << "\n";
  std::cout << "CUDA:             "
            << (report.cudaAvailable ? "available, " + std::to_string(report.cudaDeviceCount) +
                                           " device(s): " + joined(report.cudaDeviceNames)
                                     : std::string("not available (CPU only)"))
            << "\n";
  std::cout << "Video I/O:        " << joined(report.videoBackends) << "\n";
  for (const std::string& warning : report.warnings)
    std::cout << "WARNING: " << warning << "\n";
  std::cout << (report.warnings.empty() ? "doctor: all good\n"
                                        : "doctor: " + std::to_string(report.warnings.size()) + " warning(s)\n");
  return 0;
}

} // namespace

void registerDoctorCommand(CLI::App& app, const GlobalOptions& /*global*/, PendingCommand& pending) {
  auto* doctor = app.add_subcommand("doctor", "report library versions, BLAS, GEMM speed, threads, CUDA and video "
                                              "backends, and warn about what slows training");
  auto skipGemm = std::make_shared<bool>(false);
  doctor->add_flag("--no-gemm", *skipGemm, "skip the one-second GEMM measurement");
  doctor->callback([&pending, skipGemm] { pending = [skipGemm] { return runDoctor(*skipGemm); }; });
}

} // namespace polytrain::cli
