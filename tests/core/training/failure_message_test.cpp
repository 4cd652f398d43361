// The failure message of a run: unchanged for ordinary errors; for running out of memory or disk, the way out.
#include "core/training/failure_message.h"

#include <gtest/gtest.h>

namespace polytrain::training {
namespace {

TrainingConfig cudaRun(int batch, int inputSize) {
  TrainingConfig config;
  config.device = "cuda:0";
  config.batchSize = batch;
  config.inputSize = inputSize;
  return config;
}

TEST(FailureMessage, OrdinaryErrorsPassThroughUnchanged) {
  const std::string what = "the loss became nan at epoch 2, step 7";
  EXPECT_FALSE(isOutOfMemory(what));
  EXPECT_EQ(trainingFailureMessage(what, cudaRun(8, 800)), what);
}

TEST(FailureMessage, CudaOutOfMemorySuggestsHalfTheBatchAndASmallerInput) {
  // libtorch 1.13's text, allocator report on the following lines.
  const std::string what =
      "CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 15.78 GiB total capacity; 13.2 GiB "
      "already allocated)\nIf reserved memory is >> allocated memory try setting max_split_size_mb";
  ASSERT_TRUE(isOutOfMemory(what));
  const std::string message = trainingFailureMessage(what, cudaRun(8, 800));
  EXPECT_NE(message.find("out of memory on cuda:0 with batch 8 at input size 800"), std::string::npos) << message;
  EXPECT_NE(message.find("--batch 4"), std::string::npos) << message;
  EXPECT_NE(message.find("--input-size 600"), std::string::npos) << message;
  EXPECT_NE(message.find("Tried to allocate 2.00 GiB"), std::string::npos) << message;
  EXPECT_EQ(message.find("max_split_size_mb"), std::string::npos) << "only the error's first line: " << message;
  EXPECT_NE(message.find("--resume"), std::string::npos) << message;
}

TEST(FailureMessage, AtBatchOneOnlyTheInputSizeIsSuggested) {
  const std::string message = trainingFailureMessage("CUDA error: out of memory", cudaRun(1, 512));
  EXPECT_EQ(message.find("--batch"), std::string::npos) << message;
  EXPECT_NE(message.find("--input-size 384"), std::string::npos) << message;
}

TEST(FailureMessage, CpuAllocationFailuresCountToo) {
  EXPECT_TRUE(isOutOfMemory("[enforce fail at alloc_cpu.cpp:75] err == 0. DefaultCPUAllocator: can't allocate memory: "
                            "you tried to allocate 68719476736 bytes. Error code 12 (Cannot allocate memory)"));
  EXPECT_TRUE(isOutOfMemory("std::bad_alloc"));
  TrainingConfig cpu;
  cpu.batchSize = 4;
  EXPECT_NE(trainingFailureMessage("std::bad_alloc", cpu).find("out of memory on cpu with batch 4"), std::string::npos);
}

TEST(FailureMessage, AFullDiskSaysSoAndThatTheRunResumes) {
  // What our checkpoint writer throws (c10::Error's text, with libtorch's source location on the next line).
  const std::string what = "/runs/train/weights/last.pt: cannot write the checkpoint: No space left on device\n"
                           "Exception raised from write_archive at core/models/checkpoint.cpp:96";
  ASSERT_TRUE(isDiskFull(what));
  EXPECT_FALSE(isOutOfMemory(what));
  const std::string message = trainingFailureMessage(what, cudaRun(8, 800));
  EXPECT_EQ(message.rfind("/runs/train/weights/last.pt: cannot write the checkpoint: No space left on device. "
                          "The disk is full",
                          0),
            0u)
      << message;
  EXPECT_NE(message.find("--resume"), std::string::npos) << message;
  EXPECT_EQ(message.find("Exception raised"), std::string::npos) << message;
  EXPECT_TRUE(isDiskFull("cannot write: File too large"));
  EXPECT_FALSE(isDiskFull(""));
}

} // namespace
} // namespace polytrain::training
