#include "fake_training_job.h"

#include "core/training/run_folder.h"

#include <chrono>
#include <cmath>
#include <vector>

namespace polytrain::fakes {

FakeTrainingJob::FakeTrainingJob(training::TrainingConfig config, std::string runsParent, std::string resumeFrom,
                                 FakeScript script)
    : config_(std::move(config)), runsParent_(std::move(runsParent)), resumeFrom_(std::move(resumeFrom)),
      script_(script) {}

std::string FakeTrainingJob::runFolder() const {
  std::lock_guard<std::mutex> lock(folderMutex_);
  return runFolder_;
}

training::LossValues FakeTrainingJob::lossesAt(long global) {
  const double t = static_cast<double>(global);
  // A small deterministic pseudo-noise, so raw and smoothed curves differ.
  const auto noise = [t](double scale, double phase) { return scale * std::sin(t * 1.7 + phase) * std::cos(t * 0.31); };
  return {{"loss_classifier", 0.55 * std::exp(-t / 250.0) + 0.12 + noise(0.06, 0.0)},
          {"loss_box_reg", 0.45 * std::exp(-t / 400.0) + 0.10 + noise(0.05, 1.0)},
          {"loss_mask", 0.70 * std::exp(-t / 300.0) + 0.18 + noise(0.07, 2.0)},
          {"loss_objectness", 0.30 * std::exp(-t / 120.0) + 0.02 + noise(0.02, 3.0)},
          {"loss_rpn_box_reg", 0.12 * std::exp(-t / 200.0) + 0.03 + noise(0.01, 4.0)}};
}

bool FakeTrainingJob::waitWhilePaused(const training::TrainingCallbacks& callbacks) {
  if (!paused_)
    return !stop_;
  callbacks.onStatus({training::TrainingState::Paused, ""});
  while (paused_ && !stop_)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  if (stop_)
    return false;
  callbacks.onStatus({training::TrainingState::Resumed, ""});
  return true;
}

void FakeTrainingJob::run(const training::TrainingCallbacks& callbacks) {
  runThread_ = std::this_thread::get_id();
  std::optional<training::RunFolder> folder;
  if (script_.writeRunFolder) {
    Error error;
    folder = resumeFrom_.empty() ? training::RunFolder::createUnique(runsParent_, "train", error)
                                 : training::RunFolder::open(resumeFrom_, error);
    if (!folder) {
      callbacks.onStatus({training::TrainingState::Failed, error.message()});
      return;
    }
    folder->writeConfig(config_);
    std::lock_guard<std::mutex> lock(folderMutex_);
    runFolder_ = folder->path();
  }
  std::optional<training::IterationLog> log;
  if (folder)
    log.emplace(folder->iterationLogPath());
  callbacks.onStatus({training::TrainingState::Started, runFolder()});

  const long total = static_cast<long>(script_.epochs) * script_.iterationsPerEpoch;
  std::vector<training::EpochStats> epochs;
  long global = 0;
  for (int epoch = 1; epoch <= script_.epochs; ++epoch) {
    training::LossValues sums;
    for (int iteration = 1; iteration <= script_.iterationsPerEpoch; ++iteration) {
      if (script_.holdAfterIterations >= 0 && global >= script_.holdAfterIterations)
        while (!stop_)
          std::this_thread::sleep_for(std::chrono::milliseconds(1));
      if (!waitWhilePaused(callbacks) || stop_) {
        if (folder)
          folder->writeResults(epochs);
        callbacks.onStatus({training::TrainingState::Stopped, "stopped at step " + std::to_string(global)});
        return;
      }
      ++global;
      training::IterationStats stats;
      stats.epoch = epoch;
      stats.iteration = iteration;
      stats.iterationsPerEpoch = script_.iterationsPerEpoch;
      stats.globalIteration = global;
      stats.totalIterations = total;
      stats.losses = lossesAt(global);
      stats.totalLoss = training::totalOf(stats.losses);
      stats.learningRate = config_.learningRate * std::min(1.0, static_cast<double>(global) / 50.0);
      stats.imagesPerSecond = 10.5;
      stats.etaSeconds = static_cast<double>(total - global) * script_.batchSize / stats.imagesPerSecond;
      if (sums.empty())
        sums = stats.losses;
      else
        for (std::size_t k = 0; k < sums.size(); ++k)
          sums[k].second += stats.losses[k].second;
      if (log)
        log->append(stats);
      callbacks.onIteration(stats);
      ++reported_;
      if (script_.microsecondsPerIteration > 0)
        std::this_thread::sleep_for(std::chrono::microseconds(script_.microsecondsPerIteration));
    }
    training::EpochStats stats;
    stats.epoch = epoch;
    stats.seconds = 61.0;
    for (auto& entry : sums)
      entry.second /= script_.iterationsPerEpoch;
    stats.trainLosses = sums;
    if (script_.validate) {
      stats.validationLosses = sums;
      for (auto& entry : stats.validationLosses)
        entry.second *= 1.1;
      stats.boxMetrics =
          training::DetectionMetrics{0.8 * (1.0 - std::exp(-epoch / 2.0)), 0.5 * (1.0 - std::exp(-epoch / 2.0))};
      if (script_.maskMetrics)
        stats.maskMetrics =
            training::DetectionMetrics{0.75 * (1.0 - std::exp(-epoch / 2.0)), 0.45 * (1.0 - std::exp(-epoch / 2.0))};
    }
    stats.learningRate = config_.learningRate;
    epochs.push_back(stats);
    if (folder)
      folder->writeResults(epochs);
    callbacks.onEpoch(stats);
  }
  callbacks.onStatus({training::TrainingState::Finished, runFolder()});
}

} // namespace polytrain::fakes
