#pragma once
// The seam between a training run and whoever watches it (the GUI's Train mode, tests). Torch-free: the trainer
// implements it in a .cpp, the UI only sees this header.
#include "core/training/training_config.h"
#include "core/training/training_events.h"

#include <functional>
#include <memory>
#include <string>

namespace polytrain::training {

class TrainingJob {
public:
  virtual ~TrainingJob() = default;

  // Runs the whole training on the calling thread (the UI calls it from a worker thread) and returns when the run
  // finished, was stopped or failed. Every callback is invoked on that same thread. The last event is exactly one
  // StatusEvent with state Finished, Stopped or Failed; failures are reported that way, never thrown.
  virtual void run(const TrainingCallbacks& callbacks) = 0;

  // Thread-safe, return at once. The run stops at its next step boundary (after saving what a stopped run keeps)
  // and reports TrainingState::Stopped.
  virtual void requestStop() = 0;
  // Thread-safe, return at once. While paused the run waits between steps and reports TrainingState::Paused once;
  // unpausing reports TrainingState::Resumed. A stop request also ends a pause.
  virtual void setPaused(bool paused) = 0;

  // Thread-safe. The run folder this job writes; empty until run() has created or opened it.
  virtual std::string runFolder() const = 0;
};

// Makes a job for `config` whose run folder is created under `runsParent`. A non-empty `resumeFrom` is an existing
// run folder to continue from its last checkpoint (with config.epochs larger than it reached, this extends a
// finished run). Returns nullptr only when no job can be made at all; problems found later are reported by run().
using TrainingJobFactory = std::function<std::unique_ptr<TrainingJob>(
    const TrainingConfig& config, const std::string& runsParent, const std::string& resumeFrom)>;

} // namespace polytrain::training
