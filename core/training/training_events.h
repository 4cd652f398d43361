#pragma once
// What a training run reports while it runs, as plain values. The CLI prints them; the GUI's worker re-emits
// them as Qt signals; the run folder records them. Torch-free.
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace polytrain::training {

// Loss components in the model's own order and names (loss_classifier, loss_box_reg, ...).
using LossValues = std::vector<std::pair<std::string, double>>;

double totalOf(const LossValues& losses);

struct IterationStats {
  int epoch = 0;     // 1-based
  int iteration = 0; // 1-based within the epoch
  int iterationsPerEpoch = 0;
  long globalIteration = 0; // 1-based over the run
  long totalIterations = 0;
  LossValues losses;
  double totalLoss = 0.0;
  double learningRate = 0.0;
  double imagesPerSecond = 0.0;
  double etaSeconds = 0.0;
};

struct DetectionMetrics {
  double map50 = 0.0;    // COCO AP at IoU 0.5
  double map50_95 = 0.0; // COCO AP at IoU 0.50:0.95
};

struct EpochStats {
  int epoch = 0;
  double seconds = 0.0;           // wall time of the epoch, validation included
  double validationSeconds = 0.0; // the part of it spent on validation losses and mAP
  LossValues trainLosses;         // means over the epoch
  LossValues validationLosses;    // empty when not validated this epoch
  std::optional<DetectionMetrics> boxMetrics;
  std::optional<DetectionMetrics> maskMetrics;
  double learningRate = 0.0; // at the end of the epoch
  long peakRssBytes = 0;     // of the process, at the end of the epoch
  long rssBytes = 0;         // resident now, at the end of the epoch: flat over epochs unless something leaks
};

enum class TrainingState { Started, Paused, Resumed, Finished, Stopped, Failed };
const char* toString(TrainingState state);

struct StatusEvent {
  TrainingState state = TrainingState::Started;
  std::string message; // why it failed or stopped, where the run folder is, ...
};

struct TrainingCallbacks {
  std::function<void(const IterationStats&)> onIteration;
  std::function<void(const EpochStats&)> onEpoch;
  std::function<void(const StatusEvent&)> onStatus;
};

} // namespace polytrain::training
