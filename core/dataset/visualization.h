#pragma once
// PixelLib's visualize_sample: each instance's mask tinted in a random colour (evenly spaced HSV hues, full
// saturation and value, shuffled by a seed, converted to RGB), its box and its class name. The dataset browser
// shows the same picture.
#include "core/dataset/class_list.h"
#include "core/dataset/training_sample.h"

#include <opencv2/core/mat.hpp>

#include <cstdint>
#include <vector>

namespace polytrain::dataset {

struct VisualizeOptions {
  uint64_t seed = 0;
  double maskAlpha = 0.5; // the colour's weight inside a mask
  bool masks = true;
  bool boxes = true;
  bool labels = true;
  int lineWidth = 2;
};

// `count` colours as BGR scalars (0..255): hues i / count at full saturation and value, in a seeded random order.
std::vector<cv::Scalar> randomColours(size_t count, uint64_t seed);

// The sample's image with its instances drawn on (8-bit BGR, the image's size).
cv::Mat renderSample(const TrainingSample& sample, const ClassList& classes, const VisualizeOptions& options = {});

} // namespace polytrain::dataset
