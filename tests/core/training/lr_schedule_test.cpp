#include "core/training/lr_schedule.h"

#include <gtest/gtest.h>

using namespace polytrain::training;

namespace {
TrainingConfig baseConfig(LrSchedule schedule) {
  TrainingConfig config;
  config.learningRate = 0.1;
  config.schedule = schedule;
  config.warmupIterations = 10;
  config.warmupFactor = 0.001;
  config.stepMilestones = {0.5, 0.8};
  config.stepGamma = 0.1;
  return config;
}
} // namespace

TEST(LrScheduleTest, WarmupIsLinearFromTheWarmupFactor) {
  const TrainingConfig config = baseConfig(LrSchedule::Constant);
  EXPECT_DOUBLE_EQ(learningRateAt(config, 0, 100), 0.1 * 0.001);
  // alpha = 0.5: 0.001 * 0.5 + 0.5 = 0.5005
  EXPECT_DOUBLE_EQ(learningRateAt(config, 5, 100), 0.1 * 0.5005);
  EXPECT_DOUBLE_EQ(learningRateAt(config, 10, 100), 0.1);
  EXPECT_DOUBLE_EQ(learningRateAt(config, 99, 100), 0.1);
}

TEST(LrScheduleTest, StepDecaysAtEachMilestone) {
  const TrainingConfig config = baseConfig(LrSchedule::Step);
  EXPECT_DOUBLE_EQ(learningRateAt(config, 49, 100), 0.1);
  EXPECT_NEAR(learningRateAt(config, 50, 100), 0.01, 1e-15);
  EXPECT_NEAR(learningRateAt(config, 79, 100), 0.01, 1e-15);
  EXPECT_NEAR(learningRateAt(config, 80, 100), 0.001, 1e-15);
}

TEST(LrScheduleTest, CosineFallsFromTheRateToOnePercent) {
  TrainingConfig config = baseConfig(LrSchedule::Cosine);
  config.warmupIterations = 0;
  EXPECT_DOUBLE_EQ(learningRateAt(config, 0, 101), 0.1);
  // Half way: 0.01 + 0.99 * 0.5 = 0.505 of the rate.
  EXPECT_NEAR(learningRateAt(config, 50, 101), 0.1 * 0.505, 1e-12);
  EXPECT_NEAR(learningRateAt(config, 100, 101), 0.1 * kCosineFinalFactor, 1e-12);
}

TEST(LrScheduleTest, IterationsPastTheScheduleKeepItsLastRate) {
  TrainingConfig config = baseConfig(LrSchedule::Cosine);
  config.warmupIterations = 0;
  EXPECT_NEAR(learningRateAt(config, 150, 101), 0.1 * kCosineFinalFactor, 1e-12);
  config.schedule = LrSchedule::Step;
  EXPECT_NEAR(learningRateAt(config, 150, 100), 0.001, 1e-15);
}
