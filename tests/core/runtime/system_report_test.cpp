#include "core/runtime/loaded_libraries.h"
#include "core/runtime/system_report.h"
#include "core/runtime/torch_runtime.h"

#include <gtest/gtest.h>

using namespace polytrain::runtime;

TEST(LoadedLibrariesTest, RecognisesReferenceBlasByItsDebianPath) {
  EXPECT_TRUE(isReferenceBlas("/usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11.0"));
  EXPECT_FALSE(isReferenceBlas("/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3"));
  EXPECT_FALSE(isReferenceBlas("/usr/lib/x86_64-linux-gnu/blis-openmp/libblas.so.3"));
  EXPECT_FALSE(isReferenceBlas("/usr/lib/x86_64-linux-gnu/libopenblas.so.0"));
  EXPECT_FALSE(isReferenceBlas(""));
}

TEST(LoadedLibrariesTest, ListsTheC_LibraryOfThisProcess) {
  bool foundLibc = false;
  for (const std::string& path : loadedLibraries())
    foundLibc = foundLibc || path.find("libc.so") != std::string::npos;
  EXPECT_TRUE(foundLibc);
}

TEST(SystemReportTest, ReportsVersionsThreadsAndTheBlasInUse) {
  configureTorch({});
  ReportOptions options;
  options.gemmSeconds = 0.2;
  const SystemReport report = collectSystemReport(options);
  EXPECT_FALSE(report.torchVersion.empty());
  EXPECT_EQ(report.opencvVersion.substr(0, 2), "4.");
  EXPECT_EQ(report.intraOpThreads, report.cores);
  EXPECT_GT(report.gemmGflops, 0.0);
  // packaging/install-deps.sh installs OpenBLAS; this machine must be using it, not the reference BLAS.
  EXPECT_FALSE(report.blasLibrary.empty());
  EXPECT_FALSE(report.referenceBlas) << report.blasLibrary;
  EXPECT_TRUE(report.warnings.empty()) << report.warnings.front();
}

TEST(SystemReportTest, WarnsWhenThreadsAreBelowTheCoreCount) {
  if (availableCores() < 2)
    GTEST_SKIP() << "needs at least two cores to run below the core count";
  configureTorch({1, true});
  ReportOptions options;
  options.measureGemm = false;
  const SystemReport report = collectSystemReport(options);
  configureTorch({});
  ASSERT_FALSE(report.warnings.empty());
  EXPECT_NE(report.warnings.back().find("intra-op threads"), std::string::npos);
}
