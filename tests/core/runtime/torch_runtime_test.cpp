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
