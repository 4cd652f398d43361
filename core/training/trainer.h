#pragma once
// The training loop: builds the model for a TrainingConfig, feeds it batches from core/dataset, steps the optimiser,
// validates, evaluates mAP, checkpoints and records the run folder, reporting through TrainingCallbacks.
// Torch-free header: the GUI runs it through the TrainingJob interface on a worker thread, the CLI in a terminal.
#include "core/training/training_job.h"

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>

namespace polytrain::models {
class GradientSync; // core/models/gradient_sync.h
}

namespace polytrain::training {

class Trainer final : public TrainingJob {
public:
  // A new run in runsParent/runName (runName2, ... when taken), or, with `resumeFrom`, the continuation of that run
  // from its last checkpoint; config.epochs above the run's own extends it.
  Trainer(TrainingConfig config, std::string runsParent, std::string resumeFrom, std::string runName = "train");
  ~Trainer() override;

  void run(const TrainingCallbacks& callbacks) override;
  void requestStop() override;
  void setPaused(bool paused) override;
  std::string runFolder() const override;

  // Data-parallel training: this trainer is one replica; its gradients are averaged with the others' every step
  // and it trains on its shard of each epoch. Without one (the default), a single process trains on all data.
  void setGradientSync(std::shared_ptr<models::GradientSync> sync) { gradientSync_ = std::move(sync); }

  // For tests: stop by itself after this many steps of this run, as if Stop had been pressed then.
  void stopAfterSteps(long steps) { stopAfterSteps_ = steps; }
  // For tests of the fault path: the loss of this step (1-based, of this run) becomes NaN.
  void poisonLossAtStep(long step) { poisonStep_ = step; }

private:
  struct Session; // the torch side, in trainer.cpp
  friend struct Session;

  // Blocks while paused; returns false when a stop was requested.
  bool waitWhilePaused(const TrainingCallbacks& callbacks);

  TrainingConfig config_;
  std::string runsParent_;
  std::string resumeFrom_;
  std::string runName_;
  long stopAfterSteps_ = 0;
  long poisonStep_ = 0;
  std::shared_ptr<models::GradientSync> gradientSync_;

  mutable std::mutex mutex_;
  std::condition_variable pauseChanged_;
  std::atomic<bool> stopRequested_{false};
  bool paused_ = false;
  std::string runFolder_;
};

// The factory the GUI's Train mode uses.
TrainingJobFactory trainerFactory();

} // namespace polytrain::training
