#include "core/runtime/torch_runtime.h"

#include <cstdlib>
#include <gtest/gtest.h>
#include <string>
#include <thread>

using namespace polytrain::runtime;

TEST(TorchRuntimeTest, AvailableCoresIsPositiveAndAtMostHardware) {
  const int cores = availableCores();
  EXPECT_GE(cores, 1);
  if (std::thread::hardware_concurrency() > 0) {
    EXPECT_LE(cores, static_cast<int>(std::thread::hardware_concurrency()));
  }
}

TEST(TorchRuntimeTest, DefaultUsesOneThreadPerCore) {
  // libtorch alone would start with hardware_concurrency()/2 threads.
  EXPECT_EQ(configureTorch({}), availableCores());
  EXPECT_EQ(intraOpThreads(), availableCores());
}

TEST(TorchRuntimeTest, ExplicitThreadCountWins) {
  EXPECT_EQ(configureTorch({1, true}), 1);
  EXPECT_EQ(intraOpThreads(), 1);
  configureTorch({});
}

TEST(TorchRuntimeTest, BoundsOneDnnsPrimitiveCacheUnlessTheUserChoseASize) {
  ::unsetenv("ONEDNN_PRIMITIVE_CACHE_CAPACITY");
  configureTorch({});
  ASSERT_NE(std::getenv("ONEDNN_PRIMITIVE_CACHE_CAPACITY"), nullptr);
  EXPECT_EQ(std::string(std::getenv("ONEDNN_PRIMITIVE_CACHE_CAPACITY")), std::to_string(kPrimitiveCacheCapacity));
  ::setenv("ONEDNN_PRIMITIVE_CACHE_CAPACITY", "1000", 1);
  configureTorch({});
  EXPECT_EQ(std::string(std::getenv("ONEDNN_PRIMITIVE_CACHE_CAPACITY")), "1000");
}

// The suite runs on OpenBLAS (the setup installs it, and cli_basics_test checks it is the BLAS in use): its own
// thread pool is set to one thread unless the user's OPENBLAS_NUM_THREADS says otherwise.
TEST(TorchRuntimeTest, OpenBlasRunsOneThreadUnlessAskedOtherwise) {
  const char* userChoice = std::getenv("OPENBLAS_NUM_THREADS");
  if (userChoice != nullptr)
    ::unsetenv("OPENBLAS_NUM_THREADS");
  RuntimeOptions two;
  two.blasThreads = 2;
  configureTorch(two);
  EXPECT_EQ(blasThreads(), 2);
  configureTorch({});
  EXPECT_EQ(blasThreads(), 1);
  configureTorch(two);
  ::setenv("OPENBLAS_NUM_THREADS", "2", 1);
  configureTorch({});
  EXPECT_EQ(blasThreads(), 2) << "the user's OPENBLAS_NUM_THREADS must win";
  if (userChoice != nullptr)
    ::setenv("OPENBLAS_NUM_THREADS", userChoice, 1);
  else
    ::unsetenv("OPENBLAS_NUM_THREADS");
  configureTorch({});
}
