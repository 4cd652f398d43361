#pragma once
// Draws detections the way PixelLib's segmentImage does: each mask tinted in a random HSV colour converted to RGB
// (per instance or per class), alpha-blended with its contour, optional boxes (show_bboxes) and "label score"
// tags. Line widths and text scale with the image, so the result is readable on a 320-px thumbnail and on 4K.
#include "core/inference/predictor.h"

#include <opencv2/core/mat.hpp>

#include <cstdint>

namespace polytrain::inference {

enum class ColourBy { Instance, Class };

struct OverlayOptions {
  bool masks = true;
  bool boxes = true;
  bool labels = true;
  bool scores = true;
  double maskAlpha = 0.5; ///< the colour's weight inside a mask
  ColourBy colourBy = ColourBy::Class;
  uint64_t seed = 0; ///< the colour order
};

/// The BGR colour of instance `index` with class `label`, out of `classCount` classes (stable for a seed).
cv::Scalar overlayColour(const OverlayOptions& options, int label, size_t index, size_t classCount);

/// A copy of `image` (8-bit BGR) with the prediction drawn on.
cv::Mat renderOverlay(const cv::Mat& image, const Prediction& prediction, const OverlayOptions& options,
                      size_t classCount);

/// Draws in place.
void drawOverlay(cv::Mat& image, const Prediction& prediction, const OverlayOptions& options, size_t classCount);

} // namespace polytrain::inference
