#include "core/runtime/torch_runtime.h"

#include <gtest/gtest.h>
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
