// Plain value types passed between the parts of the detection models (torchvision's ImageList, targets,
// detections and loss dicts).
#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace polytrain::models {

/// (height, width)
using ImageSize = std::pair<int64_t, int64_t>;

/// A padded batch and the size of every image in it before padding (torchvision's ImageList).
struct ImageList {
  at::Tensor tensors;                 ///< [N, C, H, W]
  std::vector<ImageSize> image_sizes; ///< per image, after resizing, before padding
};

/// Ground truth of one image: boxes [G, 4] xyxy float, labels [G] int64 (1..K-1), masks [G, H, W] uint8.
struct Target {
  at::Tensor boxes;
  at::Tensor labels;
  at::Tensor masks;
};

/// Detections of one image: boxes [D, 4], labels [D] int64, scores [D], masks [D, 1, H, W] probabilities.
struct Detection {
  at::Tensor boxes;
  at::Tensor labels;
  at::Tensor scores;
  at::Tensor masks;
};

/// Named losses in torchvision's order (loss_classifier, loss_box_reg, loss_mask, loss_objectness,
/// loss_rpn_box_reg).
using LossDict = std::vector<std::pair<std::string, at::Tensor>>;

} // namespace polytrain::models
