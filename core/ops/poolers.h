// Multi-scale RoIAlign over FPN levels, mirroring torchvision.ops.poolers (0.14).
#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace polytrain::ops {

/// FPN paper eq. 1: level = floor(canonical_level + log2(sqrt(area) / canonical_scale) + eps), clamped to
/// [k_min, k_max] and returned relative to k_min (int64).
class LevelMapper {
public:
  LevelMapper(int64_t k_min, int64_t k_max, int64_t canonical_scale = 224, int64_t canonical_level = 4,
              double eps = 1e-6);
  at::Tensor operator()(const std::vector<at::Tensor>& boxes) const;
  int64_t k_min() const { return k_min_; }
  int64_t k_max() const { return k_max_; }

private:
  int64_t k_min_;
  int64_t k_max_;
  int64_t s0_;
  int64_t lvl0_;
  double eps_;
};

/// A feature map with its name, as in torchvision's OrderedDict[str, Tensor].
using NamedFeature = std::pair<std::string, at::Tensor>;

struct MultiScaleRoIAlignOptions {
  std::vector<std::string> featmap_names;
  int64_t output_height = 7;
  int64_t output_width = 7;
  int64_t sampling_ratio = 2;
  int64_t canonical_scale = 224;
  int64_t canonical_level = 4;
};

/// Pools every box from the FPN level its size maps to. As in torchvision, the scales are inferred from the first
/// call's feature and image sizes and then kept.
class MultiScaleRoIAlign {
public:
  explicit MultiScaleRoIAlign(MultiScaleRoIAlignOptions options);

  /// features: in the order the backbone returns them (only those named in featmap_names are used);
  /// boxes: one [L_i, 4] tensor per image, image coordinates; image_shapes: (height, width) per image.
  at::Tensor forward(const std::vector<NamedFeature>& features, const std::vector<at::Tensor>& boxes,
                     const std::vector<std::pair<int64_t, int64_t>>& image_shapes);

  const std::vector<double>& scales() const { return scales_; }
  const MultiScaleRoIAlignOptions& options() const { return options_; }

private:
  void setup_scales(const std::vector<at::Tensor>& features,
                    const std::vector<std::pair<int64_t, int64_t>>& image_shapes);

  MultiScaleRoIAlignOptions options_;
  std::vector<double> scales_;
  std::vector<LevelMapper> mapper_; // empty until the first call
};

} // namespace polytrain::ops
