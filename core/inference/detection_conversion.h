#pragma once
// The model's detection tensors -> the torch-free Prediction. For core's own torch-side .cpp files (the predictor,
// the trainer's validation pictures); the GUI never includes this header.
#include "core/inference/predictor.h"
#include "core/models/detection_types.h"

#include <string>
#include <vector>

namespace polytrain::inference {

struct ConversionOptions {
  double scoreThreshold = 0.5;
  int maxDetections = 100;    ///< 0: no cap
  double maskThreshold = 0.5; ///< mask probability above which a pixel is inside
};

/// Keeps detections scoring at least the threshold (they come sorted by score), at most maxDetections, and turns
/// them into instances with image-sized 0/255 masks (when the detection has masks). Tensors may live on any device.
Prediction predictionFromDetection(const models::Detection& detection, const std::vector<std::string>& classNames,
                                   const ConversionOptions& options, int imageWidth, int imageHeight);

} // namespace polytrain::inference
