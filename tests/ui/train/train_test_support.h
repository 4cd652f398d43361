#pragma once
// Shared by the Train mode tests: a clean folder per test, a valid configuration, a factory of fake jobs.
#include "core/training/run_folder.h"
#include "fake_training_job.h"
#include "tests/support/test_output.h"

#include <QDir>
#include <QString>
#include <gtest/gtest.h>
#include <memory>

namespace polytrain::fakes {

// An empty folder under the test output directory, recreated for every call.
inline QString freshFolder(const QString& name) {
  const std::filesystem::path folder = polytrain::testing::emptiedTestOutput("ui/train/" + name.toStdString());
  QDir().mkpath(QString::fromStdString(folder.string()));
  return QString::fromStdString(folder.string());
}

// A configuration the form accepts: a dataset folder that exists, the CPU.
inline training::TrainingConfig validConfig(const QString& dataRoot) {
  training::TrainingConfig config;
  config.dataRoot = dataRoot.toStdString();
  config.device = "cpu";
  return config;
}

// Makes FakeTrainingJobs with one script and remembers the last one made (owned by the worker).
struct FakeFactory {
  FakeScript script;
  FakeTrainingJob* last = nullptr;
  int made = 0;
  std::string lastRunsParent;

  training::TrainingJobFactory factory() {
    return [this](const training::TrainingConfig& config, const std::string& runsParent,
                  const std::string& resumeFrom) -> std::unique_ptr<training::TrainingJob> {
      auto job = std::make_unique<FakeTrainingJob>(config, runsParent, resumeFrom, script);
      last = job.get();
      lastRunsParent = runsParent;
      ++made;
      return job;
    };
  }
};

inline training::IterationStats stepOf(int epoch, int iteration, int perEpoch) {
  training::IterationStats stats;
  stats.epoch = epoch;
  stats.iteration = iteration;
  stats.iterationsPerEpoch = perEpoch;
  stats.globalIteration = static_cast<long>(epoch - 1) * perEpoch + iteration;
  stats.totalIterations = 2L * perEpoch;
  stats.losses = FakeTrainingJob::lossesAt(stats.globalIteration);
  stats.totalLoss = training::totalOf(stats.losses);
  stats.learningRate = 0.001;
  stats.imagesPerSecond = 12.5;
  stats.etaSeconds = 30.0;
  return stats;
}

// A two-epoch run folder written the way the trainer writes one: config.json, iterations.csv and results.csv.
inline QString writeRun(const QString& parent, const std::string& model, int perEpoch) {
  Error error;
  auto run = training::RunFolder::createUnique(parent.toStdString(), "train", error);
  EXPECT_TRUE(run.has_value()) << error.message();
  if (!run)
    return {};
  training::TrainingConfig config = validConfig(parent);
  config.model = model;
  config.epochs = 2;
  EXPECT_FALSE(run->writeConfig(config).has_value());
  training::IterationLog log(run->iterationLogPath());
  std::vector<training::EpochStats> epochs;
  for (int epoch = 1; epoch <= 2; ++epoch) {
    for (int iteration = 1; iteration <= perEpoch; ++iteration)
      log.append(stepOf(epoch, iteration, perEpoch));
    training::EpochStats stats;
    stats.epoch = epoch;
    stats.seconds = 12.0;
    stats.trainLosses = {{"loss_classifier", 0.5 / epoch}, {"loss_mask", 0.4}};
    stats.validationLosses = {{"loss_classifier", 0.6 / epoch}, {"loss_mask", 0.45}};
    stats.boxMetrics = training::DetectionMetrics{0.2 * epoch, 0.1 * epoch};
    epochs.push_back(stats);
  }
  EXPECT_FALSE(run->writeResults(epochs).has_value());
  return QString::fromStdString(run->path());
}

} // namespace polytrain::fakes
