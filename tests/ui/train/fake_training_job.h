#pragma once
// Test scaffolding only: a TrainingJob that plays a scripted run from the worker thread, honours stop and pause like
// the real trainer must, and writes a run folder (config.json, iterations.csv, results.csv) with RunFolder.
#include "core/training/training_job.h"

#include <atomic>
#include <mutex>
#include <string>
#include <thread>

namespace polytrain::fakes {

struct FakeScript {
  int epochs = 2;
  int iterationsPerEpoch = 10;
  int batchSize = 4;
  int microsecondsPerIteration = 0; // 0: flood
  bool validate = true;             // validation losses and mAP after every epoch
  bool maskMetrics = true;
  long holdAfterIterations = -1; // >= 0: after that many steps, wait (like a slow step) until stopped
  bool writeRunFolder = true;
};

class FakeTrainingJob : public training::TrainingJob {
public:
  FakeTrainingJob(training::TrainingConfig config, std::string runsParent, std::string resumeFrom, FakeScript script);

  void run(const training::TrainingCallbacks& callbacks) override;
  void requestStop() override { stop_ = true; }
  void setPaused(bool paused) override { paused_ = paused; }
  std::string runFolder() const override;

  // What the factory was asked for.
  const std::string& resumeFrom() const { return resumeFrom_; }
  // Iterations reported so far (any thread).
  long reportedIterations() const { return reported_; }
  // Thread the job ran on.
  std::thread::id runThread() const { return runThread_; }

  // Losses of step `global` (1-based): decreasing curves with deterministic noise, as a real run looks.
  static training::LossValues lossesAt(long global);

private:
  bool waitWhilePaused(const training::TrainingCallbacks& callbacks); // false when stopped meanwhile

  training::TrainingConfig config_;
  std::string runsParent_;
  std::string resumeFrom_;
  FakeScript script_;
  std::atomic<bool> stop_{false};
  std::atomic<bool> paused_{false};
  std::atomic<long> reported_{0};
  std::thread::id runThread_;
  mutable std::mutex folderMutex_;
  std::string runFolder_;
};

} // namespace polytrain::fakes
