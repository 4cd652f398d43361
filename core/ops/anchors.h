// Anchor generators mirroring torchvision.models.detection.anchor_utils (0.14).
#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <optional>
#include <vector>

namespace polytrain::ops {

/// Anchors at every feature-map location: for feature map i, sizes[i] x aspect_ratios[i] anchors (aspect ratio =
/// height / width), centred on the stride grid, rounded as torchvision does.
class AnchorGenerator {
public:
  AnchorGenerator(std::vector<std::vector<double>> sizes = {{128, 256, 512}},
                  std::vector<std::vector<double>> aspect_ratios = {{0.5, 1.0, 2.0}});

  /// Base anchors of one level, [A, 4], centred at 0.
  static at::Tensor generate_anchors(const std::vector<double>& scales, const std::vector<double>& aspect_ratios,
                                     at::ScalarType dtype = at::kFloat);

  std::vector<int64_t> num_anchors_per_location() const;

  /// image_size: (height, width) of the padded batch tensor; feature_maps: one [N, C, H_i, W_i] per level.
  /// Returns one [sum_i H_i * W_i * A_i, 4] tensor per image (num_images copies).
  std::vector<at::Tensor> forward(int64_t image_height, int64_t image_width, int64_t num_images,
                                  const std::vector<at::Tensor>& feature_maps) const;

  const std::vector<at::Tensor>& cell_anchors() const { return cell_anchors_; }

private:
  std::vector<std::vector<double>> sizes_;
  std::vector<std::vector<double>> aspect_ratios_;
  std::vector<at::Tensor> cell_anchors_;
};

/// SSD default boxes (torchvision's DefaultBoxGenerator).
class DefaultBoxGenerator {
public:
  explicit DefaultBoxGenerator(std::vector<std::vector<double>> aspect_ratios, double min_ratio = 0.15,
                               double max_ratio = 0.9, std::optional<std::vector<double>> scales = std::nullopt,
                               std::optional<std::vector<int64_t>> steps = std::nullopt, bool clip = true);

  std::vector<int64_t> num_anchors_per_location() const;

  /// Same arguments as AnchorGenerator::forward; boxes are xyxy in pixels.
  std::vector<at::Tensor> forward(int64_t image_height, int64_t image_width, int64_t num_images,
                                  const std::vector<at::Tensor>& feature_maps) const;

  const std::vector<double>& scales() const { return scales_; }

private:
  at::Tensor grid_default_boxes(const std::vector<std::pair<int64_t, int64_t>>& grid_sizes, int64_t image_height,
                                int64_t image_width, at::ScalarType dtype) const;

  std::vector<std::vector<double>> aspect_ratios_;
  std::optional<std::vector<int64_t>> steps_;
  bool clip_;
  std::vector<double> scales_;
  std::vector<at::Tensor> wh_pairs_;
};

} // namespace polytrain::ops
