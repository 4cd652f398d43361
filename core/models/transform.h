// torchvision.models.detection.transform.GeneralizedRCNNTransform (0.14): normalise, resize by min/max size with
// torchvision's rounding, pad the batch to a multiple of 32, and map detections back to the original images.
#pragma once

#include "core/models/detection_types.h"

#include <array>

namespace polytrain::models {

struct TransformOptions {
  std::vector<int64_t> min_size = {800}; ///< training picks one at random per image; eval uses the last
  int64_t max_size = 1333;
  std::array<double, 3> image_mean = {0.485, 0.456, 0.406};
  std::array<double, 3> image_std = {0.229, 0.224, 0.225};
  int64_t size_divisible = 32;
};

class GeneralizedRCNNTransform {
public:
  explicit GeneralizedRCNNTransform(TransformOptions options = {});

  /// images: [3, H, W] float in [0, 1]. In training, `targets` (boxes, masks) are resized in place; training
  /// draws the min size per image from the global generator exactly as torchvision does.
  ImageList forward(const std::vector<at::Tensor>& images, std::vector<Target>* targets, bool training) const;

  /// Boxes back to the original sizes; masks [D, 1, M, M] pasted into [D, 1, H, W] image masks.
  void postprocess(std::vector<Detection>& detections, const std::vector<ImageSize>& image_sizes,
                   const std::vector<ImageSize>& original_sizes) const;

  const TransformOptions& options() const { return options_; }

private:
  TransformOptions options_;
};

/// torchvision's resize_boxes: scales xyxy boxes from `from` to `to` (ratios computed in float32).
at::Tensor resize_boxes(const at::Tensor& boxes, const ImageSize& from, const ImageSize& to);

} // namespace polytrain::models
