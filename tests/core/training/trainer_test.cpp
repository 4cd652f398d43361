// The real trainer on a tiny generated dataset: it learns, it writes a complete run folder, it is deterministic,
// a stopped run resumes to the same weights as an uninterrupted one, and a NaN loss fails clearly.
#include "core/dataset/demo_data.h"
#include "core/models/checkpoint.h"
#include "core/runtime/system_report.h"
#include "core/training/run_folder.h"
#include "core/training/trainer.h"
#include "tests/support/file_size_limit.h"
#include "tests/support/test_output.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

namespace fs = std::filesystem;
using namespace polytrain;
using namespace polytrain::training;

namespace {

const std::string& tinyDataset() {
  static const std::string root = [] {
    const fs::path folder = fs::path(POLYTRAIN_TEST_OUTPUT_DIR) / "trainer" / "shapes";
    fs::remove_all(folder);
    dataset::DemoOptions options;
    options.images = 12;
    options.seed = 7;
    options.width = 96;
    options.height = 96;
    options.testRatio = 0.25;
    options.maxObjects = 2;
    const auto result = dataset::makeDemoDataset(folder.string(), options);
    EXPECT_TRUE(result.errors.empty());
    return folder.string();
  }();
  return root;
}

TrainingConfig tinyConfig() {
  TrainingConfig config = *preset("cpu-quick");
  config.dataRoot = tinyDataset();
  config.inputSize = 96;
  config.batchSize = 3;
  config.epochs = 2;
  config.learningRate = 2e-3;
  config.warmupIterations = 2;
  config.rpnPreNmsTopNTrain = 100;
  config.rpnPostNmsTopNTrain = 50;
  config.boxBatchSizePerImage = 32;
  config.augmentation = AugmentationConfig{false, 0, 0, 0, 0, 0, 0, false};
  config.threads = 1;
  config.seed = 3;
  return config;
}

struct Recorded {
  std::vector<IterationStats> iterations;
  std::vector<EpochStats> epochs;
  std::vector<StatusEvent> statuses;
  TrainingCallbacks callbacks() {
    return {[this](const IterationStats& stats) { iterations.push_back(stats); },
            [this](const EpochStats& stats) { epochs.push_back(stats); },
            [this](const StatusEvent& event) { statuses.push_back(event); }};
  }
  TrainingState last() const { return statuses.empty() ? TrainingState::Failed : statuses.back().state; }
  std::string lastMessage() const { return statuses.empty() ? "" : statuses.back().message; }
};

std::string runsFolder(const std::string& name) {
  return polytrain::testing::emptiedTestOutput(fs::path("trainer") / name).string();
}

} // namespace

TEST(TrainerTest, TrainsAndWritesACompleteRunFolder) {
  TrainingConfig config = tinyConfig();
  config.epochs = 3;
  Trainer trainer(config, runsFolder("complete"), "");
  Recorded recorded;
  trainer.run(recorded.callbacks());
  ASSERT_EQ(recorded.last(), TrainingState::Finished) << recorded.lastMessage();
  ASSERT_EQ(recorded.epochs.size(), 3u);
  ASSERT_EQ(recorded.iterations.size(), 9u); // 9 training images, batch 3, 3 epochs
  for (const char* name : {"loss_classifier", "loss_box_reg", "loss_mask", "loss_objectness", "loss_rpn_box_reg"})
    EXPECT_TRUE(std::any_of(recorded.iterations[0].losses.begin(), recorded.iterations[0].losses.end(),
                            [&](const auto& entry) { return entry.first == name; }))
        << name;
  EXPECT_FALSE(recorded.epochs.back().validationLosses.empty());
  EXPECT_TRUE(recorded.epochs.back().boxMetrics.has_value());
  EXPECT_TRUE(recorded.epochs.back().maskMetrics.has_value());
  EXPECT_GT(recorded.iterations.back().etaSeconds, -1e-9);

  const std::string folder = trainer.runFolder();
  for (const std::string file :
       {"config.json", "classes.txt", "results.csv", "iterations.csv", "weights/last.pt", "weights/best_loss.pt"})
    EXPECT_TRUE(fs::exists(fs::path(folder) / file)) << file;
  Error error;
  const auto run = RunFolder::open(folder, error);
  ASSERT_TRUE(run) << error.message();
  EXPECT_EQ(run->readResults(error)->size(), 3u);
  EXPECT_EQ(*run->readClasses(error), (std::vector<std::string>{"circle", "square", "triangle", "hexagon", "star"}));

  // The checkpoints: last.pt records the best values so far (a resumed run compares against them), and each best
  // checkpoint is the file that epoch's last.pt was, linked rather than written again.
  const std::vector<EpochStats> history = *run->readResults(error);
  double bestLoss = 0;
  int bestEpoch = 0;
  for (size_t epoch = 0; epoch < history.size(); ++epoch) {
    if (history[epoch].validationLosses.empty())
      continue;
    double total = 0;
    for (const auto& entry : history[epoch].validationLosses)
      total += entry.second;
    if (bestEpoch == 0 || total < bestLoss) {
      bestLoss = total;
      bestEpoch = static_cast<int>(epoch) + 1;
    }
  }
  const models::CheckpointInfo last = models::read_checkpoint_info(run->lastCheckpointPath());
  EXPECT_EQ(last.epoch, 3);
  EXPECT_NEAR(last.best_validation_loss, bestLoss, 1e-4 * bestLoss);
  const models::CheckpointInfo best = models::read_checkpoint_info(run->bestLossCheckpointPath());
  EXPECT_EQ(best.epoch, bestEpoch);
  EXPECT_TRUE(
      fs::equivalent(run->bestLossCheckpointPath(), run->namedCheckpointPath(bestEpoch, best.best_validation_loss)));
  if (bestEpoch == 3) {
    EXPECT_TRUE(fs::equivalent(run->bestLossCheckpointPath(), run->lastCheckpointPath()));
  }
  for (const auto& entry : fs::directory_iterator(run->weightsFolder()))
    EXPECT_EQ(entry.path().filename().string().find(".tmp"), std::string::npos) << entry.path();

  // The pictures of the run: loss and mAP charts, the last validation's curves and confusion matrix, and the test
  // images with the model's detections drawn on (3 test images here).
  for (const std::string file : {"plots/losses.png", "plots/map.png", "plots/pr_curve.png", "plots/f1_curve.png",
                                 "plots/confusion_matrix.png", "plots/per_class_ap.csv", "plots/metrics.json"}) {
    const cv::Mat image = cv::imread((fs::path(folder) / file).string());
    EXPECT_TRUE(fs::exists(fs::path(folder) / file)) << file;
    if (file.size() > 4 && file.substr(file.size() - 4) == ".png") {
      EXPECT_FALSE(image.empty()) << file;
    }
  }
  size_t pictures = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(folder) / "predictions")) {
    ++pictures;
    EXPECT_EQ(cv::imread(entry.path().string()).size(), cv::Size(96, 96)) << entry.path();
  }
  EXPECT_EQ(pictures, 3u);
  // The loss chart draws the train total (black, emphasised) inside the plot area.
  const cv::Mat losses = cv::imread((fs::path(folder) / "plots/losses.png").string());
  cv::Mat black;
  cv::inRange(losses(cv::Rect(71, 51, 518, 478)), cv::Scalar(0, 0, 0), cv::Scalar(10, 10, 10), black);
  EXPECT_GT(cv::countNonZero(black), 100);
}

TEST(TrainerTest, SameSeedOnOneThreadGivesIdenticalLosses) {
  TrainingConfig config = tinyConfig();
  config.epochs = 1;
  Recorded first, second;
  Trainer(config, runsFolder("determinism-a"), "").run(first.callbacks());
  Trainer(config, runsFolder("determinism-b"), "").run(second.callbacks());
  ASSERT_EQ(first.last(), TrainingState::Finished) << first.lastMessage();
  ASSERT_EQ(first.iterations.size(), second.iterations.size());
  for (size_t step = 0; step < first.iterations.size(); ++step)
    EXPECT_EQ(first.iterations[step].losses, second.iterations[step].losses) << "step " << step;
}

TEST(TrainerTest, StoppedAndResumedRunMatchesAnUninterruptedOne) {
  const TrainingConfig config = tinyConfig(); // 2 epochs of 3 steps
  Recorded whole;
  Trainer(config, runsFolder("uninterrupted"), "").run(whole.callbacks());
  ASSERT_EQ(whole.last(), TrainingState::Finished) << whole.lastMessage();

  Trainer interrupted(config, runsFolder("interrupted"), "");
  interrupted.stopAfterSteps(4); // stops inside the second epoch
  Recorded part;
  interrupted.run(part.callbacks());
  ASSERT_EQ(part.last(), TrainingState::Stopped) << part.lastMessage();
  ASSERT_EQ(part.iterations.size(), 4u);

  // What a process killed in the middle of writing a checkpoint leaves: the resumed run clears it away.
  const fs::path unfinished = fs::path(interrupted.runFolder()) / "weights" / "last.pt.tmp-12345-678";
  std::ofstream(unfinished) << "half a checkpoint";
  Recorded rest;
  Trainer(config, "", interrupted.runFolder()).run(rest.callbacks());
  ASSERT_EQ(rest.last(), TrainingState::Finished) << rest.lastMessage();
  EXPECT_FALSE(fs::exists(unfinished));
  ASSERT_EQ(rest.iterations.size(), 2u);
  EXPECT_EQ(rest.iterations.back().globalIteration, 6);
  for (size_t step = 0; step < rest.iterations.size(); ++step)
    for (size_t loss = 0; loss < rest.iterations[step].losses.size(); ++loss)
      EXPECT_NEAR(rest.iterations[step].losses[loss].second, whole.iterations[4 + step].losses[loss].second, 1e-4)
          << "step " << 4 + step << " " << rest.iterations[step].losses[loss].first;
}

TEST(TrainerTest, ExtendingAFinishedRunTrainsMoreEpochs) {
  TrainingConfig config = tinyConfig();
  config.epochs = 1;
  Trainer first(config, runsFolder("extend"), "");
  Recorded once;
  first.run(once.callbacks());
  ASSERT_EQ(once.last(), TrainingState::Finished) << once.lastMessage();
  config.epochs = 2;
  Recorded more;
  Trainer(config, "", first.runFolder()).run(more.callbacks());
  ASSERT_EQ(more.last(), TrainingState::Finished) << more.lastMessage();
  ASSERT_EQ(more.epochs.size(), 1u);
  EXPECT_EQ(more.epochs.front().epoch, 2);
  // The added epoch continues at the rate the run ended with; the schedule does not start again at its peak.
  ASSERT_FALSE(once.iterations.empty());
  ASSERT_FALSE(more.iterations.empty());
  const double endRate = once.iterations.back().learningRate;
  EXPECT_LT(endRate, config.learningRate * 0.5) << "the step schedule decays within the first run";
  for (const IterationStats& step : more.iterations)
    EXPECT_DOUBLE_EQ(step.learningRate, endRate) << "step " << step.globalIteration;
  Error error;
  const auto saved = RunFolder::open(first.runFolder(), error)->readConfig(error);
  ASSERT_TRUE(saved) << error.message();
  EXPECT_EQ(saved->epochs, 2);
  EXPECT_EQ(saved->scheduleEpochs, 1);
}

TEST(TrainerTest, NonFiniteLossFailsWithAClearMessageAndKeepsTheLastCheckpoint) {
  TrainingConfig config = tinyConfig();
  Trainer trainer(config, runsFolder("nan"), "");
  trainer.poisonLossAtStep(5); // in the second epoch, after epoch 1's checkpoint
  Recorded recorded;
  trainer.run(recorded.callbacks());
  ASSERT_EQ(recorded.last(), TrainingState::Failed);
  EXPECT_NE(recorded.lastMessage().find("the loss became nan at epoch 2, step 2"), std::string::npos)
      << recorded.lastMessage();
  EXPECT_NE(recorded.lastMessage().find("last good checkpoint"), std::string::npos);
  EXPECT_EQ(recorded.iterations.size(), 4u);
  Error error;
  const auto run = RunFolder::open(trainer.runFolder(), error);
  ASSERT_TRUE(run) << error.message();
  EXPECT_TRUE(fs::exists(run->lastCheckpointPath()));
  EXPECT_EQ(run->readResults(error)->size(), 1u);
}

TEST(TrainerTest, AFullDiskFailsTheRunSayingSoAndKeepsTheLastCheckpoint) {
  TrainingConfig config = tinyConfig();
  Trainer trainer(config, runsFolder("full-disk"), "");
  Recorded recorded;
  TrainingCallbacks callbacks = recorded.callbacks();
  std::unique_ptr<polytrain::testing::FileSizeLimit> limit;
  callbacks.onEpoch = [&](const EpochStats& stats) {
    recorded.epochs.push_back(stats);
    limit = std::make_unique<polytrain::testing::FileSizeLimit>(1 << 20); // after epoch 1's checkpoints
  };
  trainer.run(callbacks);
  limit.reset();
  ASSERT_EQ(recorded.last(), TrainingState::Failed);
  const std::string message = recorded.lastMessage();
  EXPECT_NE(message.find("weights/last.pt: cannot write the checkpoint: File too large"), std::string::npos) << message;
  EXPECT_NE(message.find("The disk is full"), std::string::npos) << message;
  EXPECT_EQ(recorded.epochs.size(), 1u);
  Error error;
  const auto run = RunFolder::open(trainer.runFolder(), error);
  ASSERT_TRUE(run) << error.message();
  EXPECT_EQ(models::read_checkpoint_info(run->lastCheckpointPath()).epoch, 1);
  for (const auto& entry : fs::directory_iterator(run->weightsFolder()))
    EXPECT_EQ(entry.path().filename().string().find(".tmp"), std::string::npos) << entry.path();
}

TEST(TrainerTest, NonFiniteStepsCanBeSkippedAndCounted) {
  TrainingConfig config = tinyConfig();
  config.epochs = 1;
  config.skipNonFiniteSteps = true;
  Trainer trainer(config, runsFolder("nan-skip"), "");
  trainer.poisonLossAtStep(2);
  Recorded recorded;
  trainer.run(recorded.callbacks());
  ASSERT_EQ(recorded.last(), TrainingState::Finished) << recorded.lastMessage();
  EXPECT_EQ(recorded.iterations.size(), 2u);
  bool counted = false;
  for (const StatusEvent& event : recorded.statuses)
    counted = counted || event.message.find("1 steps with a non-finite loss were skipped") != std::string::npos;
  EXPECT_TRUE(counted);
}

TEST(TrainerTest, ACudaDeviceTrainsThereOrFailsSayingCudaIsMissing) {
  TrainingConfig config = tinyConfig();
  config.epochs = 1;
  config.device = "cuda:0";
  Trainer trainer(config, runsFolder("cuda"), "");
  Recorded recorded;
  trainer.run(recorded.callbacks());
  runtime::ReportOptions options;
  options.measureGemm = false;
  if (runtime::collectSystemReport(options).cudaAvailable) {
    EXPECT_EQ(recorded.last(), TrainingState::Finished) << recorded.lastMessage();
  } else {
    EXPECT_EQ(recorded.last(), TrainingState::Failed);
    EXPECT_NE(recorded.lastMessage().find("device cuda:0: CUDA is not available"), std::string::npos)
        << recorded.lastMessage();
    EXPECT_TRUE(recorded.iterations.empty()) << "nothing may run on the CPU instead";
  }
}

TEST(TrainerTest, BadDatasetFailsWithTheFolderNamed) {
  TrainingConfig config = tinyConfig();
  config.dataRoot = runsFolder("empty-dataset");
  fs::create_directories(config.dataRoot);
  Recorded recorded;
  Trainer(config, runsFolder("bad-data"), "").run(recorded.callbacks());
  ASSERT_EQ(recorded.last(), TrainingState::Failed);
  EXPECT_NE(recorded.lastMessage().find(config.dataRoot), std::string::npos) << recorded.lastMessage();
}
