#include "core/ops/poolers.h"

#include "core/ops/boxes.h"
#include "core/ops/roi_align.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>

namespace polytrain::ops {

LevelMapper::LevelMapper(int64_t k_min, int64_t k_max, int64_t canonical_scale, int64_t canonical_level, double eps)
    : k_min_(k_min), k_max_(k_max), s0_(canonical_scale), lvl0_(canonical_level), eps_(eps) {}

at::Tensor LevelMapper::operator()(const std::vector<at::Tensor>& boxes) const {
  std::vector<at::Tensor> areas;
  areas.reserve(boxes.size());
  for (const auto& b : boxes) {
    areas.push_back(box_area(b));
  }
  const at::Tensor s = at::sqrt(at::cat(areas));
  const at::Tensor target = at::floor(static_cast<double>(lvl0_) + at::log2(s / static_cast<double>(s0_)) +
                                      at::scalar_tensor(eps_, s.options()));
  const at::Tensor clamped = at::clamp(target, static_cast<double>(k_min_), static_cast<double>(k_max_));
  return clamped.to(at::kLong) - k_min_;
}

MultiScaleRoIAlign::MultiScaleRoIAlign(MultiScaleRoIAlignOptions options) : options_(std::move(options)) {
  TORCH_CHECK(!options_.featmap_names.empty(), "MultiScaleRoIAlign: featmap_names is empty");
}

namespace {

double infer_scale(const at::Tensor& feature, int64_t original_h, int64_t original_w) {
  // Assumes the scale is 2^-k with integer k; torchvision takes it from the height.
  (void)original_w;
  const double approx = static_cast<double>(feature.size(-2)) / static_cast<double>(original_h);
  const float log2_scale = at::scalar_tensor(approx, at::kFloat).log2().round().item<float>();
  return std::pow(2.0, static_cast<double>(log2_scale));
}

} // namespace

void MultiScaleRoIAlign::setup_scales(const std::vector<at::Tensor>& features,
                                      const std::vector<std::pair<int64_t, int64_t>>& image_shapes) {
  TORCH_CHECK(!image_shapes.empty(), "MultiScaleRoIAlign: image_shapes is empty");
  int64_t max_h = 0;
  int64_t max_w = 0;
  for (const auto& [h, w] : image_shapes) {
    max_h = std::max(h, max_h);
    max_w = std::max(w, max_w);
  }
  scales_.clear();
  for (const auto& f : features) {
    scales_.push_back(infer_scale(f, max_h, max_w));
  }
  const float lvl_min = -at::scalar_tensor(scales_.front(), at::kFloat).log2().item<float>();
  const float lvl_max = -at::scalar_tensor(scales_.back(), at::kFloat).log2().item<float>();
  mapper_.clear();
  mapper_.emplace_back(static_cast<int64_t>(lvl_min), static_cast<int64_t>(lvl_max), options_.canonical_scale,
                       options_.canonical_level);
}

at::Tensor MultiScaleRoIAlign::forward(const std::vector<NamedFeature>& features, const std::vector<at::Tensor>& boxes,
                                       const std::vector<std::pair<int64_t, int64_t>>& image_shapes) {
  std::vector<at::Tensor> x;
  for (const auto& [name, tensor] : features) {
    if (std::find(options_.featmap_names.begin(), options_.featmap_names.end(), name) != options_.featmap_names.end()) {
      x.push_back(tensor);
    }
  }
  TORCH_CHECK(!x.empty(), "MultiScaleRoIAlign: none of the features is named in featmap_names");
  if (mapper_.empty()) {
    setup_scales(x, image_shapes);
  }
  TORCH_CHECK(scales_.size() == x.size(), "MultiScaleRoIAlign: set up for ", scales_.size(), " levels, got ", x.size());

  const at::Tensor rois = boxes_to_rois(boxes);
  RoIAlignParams params;
  params.pooled_height = options_.output_height;
  params.pooled_width = options_.output_width;
  params.sampling_ratio = options_.sampling_ratio;
  params.aligned = false;
  if (x.size() == 1) {
    params.spatial_scale = scales_[0];
    return roi_align(x[0], rois, params);
  }

  const at::Tensor levels = mapper_.front()(boxes);
  at::Tensor result =
      at::zeros({rois.size(0), x[0].size(1), options_.output_height, options_.output_width}, x[0].options());
  for (size_t level = 0; level < x.size(); ++level) {
    const at::Tensor idx_in_level = at::where(levels == static_cast<int64_t>(level))[0];
    params.spatial_scale = scales_[level];
    const at::Tensor pooled = roi_align(x[level], rois.index_select(0, idx_in_level), params);
    // In place, as torchvision: an out-of-place index_put would copy the whole [K, C, h, w] result per level.
    result.index_put_({idx_in_level}, pooled.to(result.scalar_type()));
  }
  return result;
}

} // namespace polytrain::ops
