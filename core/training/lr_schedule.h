#pragma once
// The learning rate at each step: linear warm-up, then constant, step or cosine decay over the whole run.
#include "core/training/training_config.h"

namespace polytrain::training {

// Learning rate for the 0-based `iteration` of a run of `totalIterations` steps.
// Warm-up (as torchvision's references): factor = warmupFactor * (1 - a) + a with a = iteration / warmupIterations.
// Step: multiplied by stepGamma once for each milestone (a fraction of totalIterations) already reached.
// Cosine: from learningRate down to learningRate * kCosineFinalFactor at the last step.
// Iterations past totalIterations (an extended run) keep the rate of the last step.
double learningRateAt(const TrainingConfig& config, long iteration, long totalIterations);

inline constexpr double kCosineFinalFactor = 0.01;

} // namespace polytrain::training
