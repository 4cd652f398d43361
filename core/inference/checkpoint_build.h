#pragma once
// How to rebuild the detector one of our checkpoints was trained as: its model name and classes, and what its run
// config records about the build (input size, trainable or frozen norms, head widths, the MobileNetV3 tail).
// Torch-side header (core/models types): for the predictor and the model benchmark, not for UI code.
#include "core/models/checkpoint.h"
#include "core/models/detector.h"

#include <string>

namespace polytrain::inference {

models::DetectorOptions detectorOptionsOfCheckpoint(const models::CheckpointInfo& info, const std::string& path);

} // namespace polytrain::inference
