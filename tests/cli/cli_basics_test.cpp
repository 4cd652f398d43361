#include "polytrain/version.h"
#include "tests/support/run_command.h"

#include <gtest/gtest.h>

using polytrain::testing::runCommand;

namespace {
const std::string kCli = POLYTRAIN_CLI_PATH;
}

TEST(CliBasicsTest, VersionPrintsTheProjectVersion) {
  const auto output = runCommand(kCli + " --version");
  EXPECT_EQ(output.exitCode, 0) << output.text;
  EXPECT_EQ(output.text, std::string("polytrain-cli ") + polytrain::kVersion + "\n");
}

TEST(CliBasicsTest, HelpListsTheSubcommands) {
  const auto output = runCommand(kCli + " --help");
  EXPECT_EQ(output.exitCode, 0) << output.text;
  EXPECT_NE(output.text.find("doctor"), std::string::npos) << output.text;
  EXPECT_NE(output.text.find("--threads"), std::string::npos) << output.text;
}

TEST(CliBasicsTest, UnknownSubcommandFailsWithAMessage) {
  const auto output = runCommand(kCli + " frobnicate");
  EXPECT_NE(output.exitCode, 0);
  EXPECT_NE(output.text.find("frobnicate"), std::string::npos) << output.text;
}

TEST(CliBasicsTest, DoctorReportsLibrariesBlasGemmThreadsCudaAndVideo) {
  const auto output = runCommand(kCli + " doctor");
  EXPECT_EQ(output.exitCode, 0) << output.text;
  for (const char* line :
       {"Qt:", "libtorch:", "OpenCV:", "BLAS:", "GEMM:", "GFLOP/s", "Intra-op threads:", "CUDA:", "Video I/O:"})
    EXPECT_NE(output.text.find(line), std::string::npos) << "missing " << line << " in\n" << output.text;
  EXPECT_NE(output.text.find("openblas"), std::string::npos) << "OpenBLAS should be the BLAS in use:\n" << output.text;
  EXPECT_EQ(output.text.find("REFERENCE BLAS"), std::string::npos) << output.text;
}

TEST(CliBasicsTest, DoctorSaysWhetherFreedMemoryIsKeptAndTheUsersMallocTunablesWin) {
  const auto kept = runCommand("env -u GLIBC_TUNABLES " + kCli + " doctor --no-gemm");
  EXPECT_NE(kept.text.find("Freed memory:     kept in the heap"), std::string::npos) << kept.text;
  const auto tuned = runCommand("GLIBC_TUNABLES=glibc.malloc.check=0 " + kCli + " doctor --no-gemm");
  EXPECT_NE(tuned.text.find("Freed memory:     the C library's defaults"), std::string::npos) << tuned.text;
}

TEST(CliBasicsTest, DoctorWarnsLoudlyWhenThreadsAreBelowTheCores) {
  const auto cores = runCommand("nproc");
  if (std::stoi(cores.text) < 2)
    GTEST_SKIP() << "needs two cores";
  const auto output = runCommand(kCli + " --threads 1 doctor --no-gemm");
  EXPECT_EQ(output.exitCode, 0) << output.text;
  EXPECT_NE(output.text.find("Intra-op threads: 1 of"), std::string::npos) << output.text;
  EXPECT_NE(output.text.find("WARNING: torch uses 1 intra-op threads"), std::string::npos) << output.text;
}
