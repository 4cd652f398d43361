#include "core/training/training_events.h"

namespace polytrain::training {

double totalOf(const LossValues& losses) {
  double total = 0.0;
  for (const auto& entry : losses)
    total += entry.second;
  return total;
}

const char* toString(TrainingState state) {
  switch (state) {
  case TrainingState::Started:
    return "started";
  case TrainingState::Paused:
    return "paused";
  case TrainingState::Resumed:
    return "resumed";
  case TrainingState::Finished:
    return "finished";
  case TrainingState::Stopped:
    return "stopped";
  case TrainingState::Failed:
    return "failed";
  }
  return "unknown";
}

} // namespace polytrain::training
