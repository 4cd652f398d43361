#pragma once
// The detector a training configuration describes: the one place that turns TrainingConfig into the models'
// build options, so the trainer builds it and the predictor, the benchmark and export rebuild it from a
// checkpoint's recorded config alike. Torch-side header (core/models types), not for UI code.
#include "core/models/detector.h"
#include "core/training/training_config.h"

namespace polytrain::training {

// `classCount` without the background. Pretrained weights fix what the file decides (SSDlite's full MobileNetV3
// tail for ImageNet weights) only when `fitToWeights` and the file is there to read.
models::DetectorOptions detectorOptionsOf(const TrainingConfig& config, size_t classCount, bool fitToWeights);

} // namespace polytrain::training
