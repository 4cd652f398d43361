// The real trainer with an SSD on a tiny generated dataset: a couple of steps train end to end, losses carry SSD's
// names, evaluation reports box metrics without mask metrics, and the checkpoint loads back into an SSD.
#include "core/dataset/demo_data.h"
#include "core/models/checkpoint.h"
#include "core/models/detector.h"
#include "core/training/run_folder.h"
#include "core/training/trainer.h"
#include "tests/support/test_output.h"

#include <ATen/ATen.h>
#include <cmath>
#include <filesystem>
#include <gtest/gtest.h>

namespace fs = std::filesystem;
using namespace polytrain;
using namespace polytrain::training;

namespace {

std::string ssdDataset() {
  const fs::path folder = fs::path(POLYTRAIN_TEST_OUTPUT_DIR) / "ssd-trainer" / "shapes";
  fs::remove_all(folder);
  dataset::DemoOptions options;
  options.images = 8;
  options.seed = 11;
  options.width = 96;
  options.height = 96;
  options.testRatio = 0.25;
  options.maxObjects = 2;
  const auto result = dataset::makeDemoDataset(folder.string(), options);
  EXPECT_TRUE(result.errors.empty());
  return folder.string();
}

std::string runsFolder(const std::string& name) {
  return polytrain::testing::emptiedTestOutput(fs::path("ssd-trainer") / name).string();
}

} // namespace

TEST(SsdTrainerTest, TrainsSsdLiteEndToEndWithBoxMetricsOnly) {
  TrainingConfig config = *preset("cpu-quick");
  config.model = "ssdlite320_mobilenet_v3_large";
  config.dataRoot = ssdDataset();
  config.inputSize = 128;
  config.batchSize = 3;
  config.epochs = 2;
  config.learningRate = 2e-3;
  config.warmupIterations = 2;
  config.augmentation = AugmentationConfig{false, 0, 0, 0, 0, 0, 0, false};
  config.threads = 2;
  config.seed = 5;
  Trainer trainer(config, runsFolder("ssdlite"), "");
  std::vector<IterationStats> iterations;
  std::vector<EpochStats> epochs;
  std::vector<StatusEvent> statuses;
  trainer.run({[&](const IterationStats& s) { iterations.push_back(s); },
               [&](const EpochStats& s) { epochs.push_back(s); },
               [&](const StatusEvent& e) { statuses.push_back(e); }});
  ASSERT_FALSE(statuses.empty());
  ASSERT_EQ(statuses.back().state, TrainingState::Finished) << statuses.back().message;
  ASSERT_EQ(epochs.size(), 2u);
  ASSERT_EQ(iterations.size(), 4u); // 6 training images, batch 3, 2 epochs
  for (const IterationStats& step : iterations) {
    ASSERT_EQ(step.losses.size(), 2u);
    EXPECT_EQ(step.losses[0].first, "bbox_regression");
    EXPECT_EQ(step.losses[1].first, "classification");
    for (const auto& [name, value] : step.losses) {
      EXPECT_TRUE(std::isfinite(value)) << name;
      EXPECT_GT(value, 0.0) << name;
    }
  }
  EXPECT_FALSE(epochs.back().validationLosses.empty());
  EXPECT_TRUE(epochs.back().boxMetrics.has_value());
  EXPECT_FALSE(epochs.back().maskMetrics.has_value()); // SSD predicts no masks

  // The checkpoint rebuilds an SSD with the trained weights.
  Error error;
  const auto run = RunFolder::open(trainer.runFolder(), error);
  ASSERT_TRUE(run) << error.message();
  const std::string checkpoint = run->lastCheckpointPath();
  const models::CheckpointInfo info = models::read_checkpoint_info(checkpoint);
  EXPECT_EQ(info.model_name, "ssdlite320_mobilenet_v3_large");
  models::DetectorOptions options;
  options.name = info.model_name;
  options.num_classes = static_cast<int64_t>(info.classes.size()) + 1;
  options.input_size = config.inputSize;
  options.trainable_norm = true;
  const auto detector = models::make_detector(options);
  const at::Tensor before =
      detector->module().named_parameters()["head.regression_head.module_list.0.1.weight"].clone();
  models::load_checkpoint(checkpoint, *detector, nullptr);
  const at::Tensor after = detector->module().named_parameters()["head.regression_head.module_list.0.1.weight"];
  EXPECT_FALSE(at::equal(before, after));
  detector->module().eval();
  const auto found = detector->detect({at::rand({3, 96, 96})});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_FALSE(found[0].masks.defined());
}
