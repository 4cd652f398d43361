#include "core/ops/anchors.h"

#include <ATen/ATen.h>

#include <cmath>

namespace polytrain::ops {

AnchorGenerator::AnchorGenerator(std::vector<std::vector<double>> sizes, std::vector<std::vector<double>> aspect_ratios)
    : sizes_(std::move(sizes)), aspect_ratios_(std::move(aspect_ratios)) {
  if (aspect_ratios_.size() == 1 && sizes_.size() > 1) {
    aspect_ratios_.assign(sizes_.size(), aspect_ratios_.front()); // torchvision repeats a single set per level
  }
  TORCH_CHECK(sizes_.size() == aspect_ratios_.size(), "AnchorGenerator: ", sizes_.size(), " size sets but ",
              aspect_ratios_.size(), " aspect-ratio sets");
  for (size_t i = 0; i < sizes_.size(); ++i) {
    cell_anchors_.push_back(generate_anchors(sizes_[i], aspect_ratios_[i]));
  }
}

at::Tensor AnchorGenerator::generate_anchors(const std::vector<double>& scales_in,
                                             const std::vector<double>& aspect_ratios_in, at::ScalarType dtype) {
  const auto opts = at::TensorOptions().dtype(at::kDouble);
  const at::Tensor scales = at::tensor(scales_in, opts).to(dtype);
  const at::Tensor aspect_ratios = at::tensor(aspect_ratios_in, opts).to(dtype);
  const at::Tensor h_ratios = at::sqrt(aspect_ratios);
  const at::Tensor w_ratios = 1 / h_ratios;
  const at::Tensor ws = (w_ratios.unsqueeze(1) * scales.unsqueeze(0)).view(-1);
  const at::Tensor hs = (h_ratios.unsqueeze(1) * scales.unsqueeze(0)).view(-1);
  return (at::stack({-ws, -hs, ws, hs}, 1) / 2).round();
}

std::vector<int64_t> AnchorGenerator::num_anchors_per_location() const {
  std::vector<int64_t> n;
  for (size_t i = 0; i < sizes_.size(); ++i) {
    n.push_back(static_cast<int64_t>(sizes_[i].size() * aspect_ratios_[i].size()));
  }
  return n;
}

std::vector<at::Tensor> AnchorGenerator::forward(int64_t image_height, int64_t image_width, int64_t num_images,
                                                 const std::vector<at::Tensor>& feature_maps) const {
  TORCH_CHECK(feature_maps.size() == cell_anchors_.size(), "AnchorGenerator: ", feature_maps.size(),
              " feature maps but anchors were configured for ", cell_anchors_.size(),
              " levels (sizes and aspect ratios need one entry per feature map)");
  const auto dtype = feature_maps.front().scalar_type();
  const auto device = feature_maps.front().device();
  std::vector<at::Tensor> levels;
  for (size_t i = 0; i < feature_maps.size(); ++i) {
    const int64_t grid_h = feature_maps[i].size(-2);
    const int64_t grid_w = feature_maps[i].size(-1);
    const int64_t stride_h = image_height / grid_h;
    const int64_t stride_w = image_width / grid_w;
    const at::Tensor base = cell_anchors_[i].to(device, dtype);
    const auto int_opts = at::TensorOptions().dtype(at::kInt).device(device);
    const at::Tensor shifts_x =
        at::arange(0, grid_w, int_opts) * at::scalar_tensor(stride_w, int_opts.dtype(at::kLong));
    const at::Tensor shifts_y =
        at::arange(0, grid_h, int_opts) * at::scalar_tensor(stride_h, int_opts.dtype(at::kLong));
    const auto grid = at::meshgrid({shifts_y, shifts_x}, "ij");
    const at::Tensor shift_y = grid[0].reshape(-1);
    const at::Tensor shift_x = grid[1].reshape(-1);
    const at::Tensor shifts = at::stack({shift_x, shift_y, shift_x, shift_y}, 1);
    levels.push_back((shifts.view({-1, 1, 4}) + base.view({1, -1, 4})).reshape({-1, 4}));
  }
  const at::Tensor all = at::cat(levels);
  return std::vector<at::Tensor>(static_cast<size_t>(num_images), all);
}

DefaultBoxGenerator::DefaultBoxGenerator(std::vector<std::vector<double>> aspect_ratios, double min_ratio,
                                         double max_ratio, std::optional<std::vector<double>> scales,
                                         std::optional<std::vector<int64_t>> steps, bool clip)
    : aspect_ratios_(std::move(aspect_ratios)), steps_(std::move(steps)), clip_(clip) {
  TORCH_CHECK(!steps_ || steps_->size() == aspect_ratios_.size(),
              "DefaultBoxGenerator: aspect_ratios and steps should have the same length");
  const size_t num_outputs = aspect_ratios_.size();
  if (scales) {
    scales_ = *scales;
  } else if (num_outputs > 1) {
    const double range = max_ratio - min_ratio;
    for (size_t k = 0; k < num_outputs; ++k) {
      scales_.push_back(min_ratio + range * static_cast<double>(k) / (static_cast<double>(num_outputs) - 1.0));
    }
    scales_.push_back(1.0);
  } else {
    scales_ = {min_ratio, max_ratio};
  }
  TORCH_CHECK(scales_.size() > num_outputs, "DefaultBoxGenerator: need ", num_outputs + 1, " scales, got ",
              scales_.size());
  for (size_t k = 0; k < num_outputs; ++k) {
    const double s_k = scales_[k];
    const double s_prime_k = std::sqrt(scales_[k] * scales_[k + 1]);
    std::vector<double> wh = {s_k, s_k, s_prime_k, s_prime_k};
    for (const double ar : aspect_ratios_[k]) {
      const double sq_ar = std::sqrt(ar);
      const double w = scales_[k] * sq_ar;
      const double h = scales_[k] / sq_ar;
      wh.insert(wh.end(), {w, h, h, w});
    }
    wh_pairs_.push_back(at::tensor(wh, at::TensorOptions().dtype(at::kDouble)).to(at::kFloat).view({-1, 2}));
  }
}

std::vector<int64_t> DefaultBoxGenerator::num_anchors_per_location() const {
  std::vector<int64_t> n;
  for (const auto& r : aspect_ratios_) {
    n.push_back(2 + 2 * static_cast<int64_t>(r.size()));
  }
  return n;
}

at::Tensor DefaultBoxGenerator::grid_default_boxes(const std::vector<std::pair<int64_t, int64_t>>& grid_sizes,
                                                   int64_t image_height, int64_t image_width,
                                                   at::ScalarType dtype) const {
  std::vector<at::Tensor> boxes;
  for (size_t k = 0; k < grid_sizes.size(); ++k) {
    const auto [f_h, f_w] = grid_sizes[k];
    at::Tensor shifts_x;
    at::Tensor shifts_y;
    if (steps_) {
      const double x_f_k = static_cast<double>(image_width) / static_cast<double>((*steps_)[k]);
      const double y_f_k = static_cast<double>(image_height) / static_cast<double>((*steps_)[k]);
      shifts_x = ((at::arange(0, f_w) + 0.5) / x_f_k).to(dtype);
      shifts_y = ((at::arange(0, f_h) + 0.5) / y_f_k).to(dtype);
    } else {
      // Python divides by ints here, so the division is true division of an int64 tensor + 0.5 (float32).
      shifts_x = ((at::arange(0, f_w) + 0.5) / f_w).to(dtype);
      shifts_y = ((at::arange(0, f_h) + 0.5) / f_h).to(dtype);
    }
    const auto grid = at::meshgrid({shifts_y, shifts_x}, "ij");
    const at::Tensor shift_y = grid[0].reshape(-1);
    const at::Tensor shift_x = grid[1].reshape(-1);
    const int64_t pairs = wh_pairs_[k].size(0);
    std::vector<at::Tensor> xy;
    for (int64_t i = 0; i < pairs; ++i) {
      xy.push_back(shift_x);
      xy.push_back(shift_y);
    }
    const at::Tensor shifts = at::stack(xy, -1).reshape({-1, 2});
    const at::Tensor wh = clip_ ? wh_pairs_[k].clamp(0, 1) : wh_pairs_[k];
    boxes.push_back(at::cat({shifts, wh.repeat({f_h * f_w, 1})}, 1));
  }
  return at::cat(boxes, 0);
}

std::vector<at::Tensor> DefaultBoxGenerator::forward(int64_t image_height, int64_t image_width, int64_t num_images,
                                                     const std::vector<at::Tensor>& feature_maps) const {
  TORCH_CHECK(feature_maps.size() == wh_pairs_.size(), "DefaultBoxGenerator: ", feature_maps.size(),
              " feature maps but ", wh_pairs_.size(), " aspect-ratio sets");
  std::vector<std::pair<int64_t, int64_t>> grid_sizes;
  for (const auto& f : feature_maps) {
    grid_sizes.emplace_back(f.size(-2), f.size(-1));
  }
  const auto dtype = feature_maps.front().scalar_type();
  const at::Tensor boxes =
      grid_default_boxes(grid_sizes, image_height, image_width, dtype).to(feature_maps.front().device());
  const at::Tensor x_y_size = at::tensor(std::vector<int64_t>{image_width, image_height},
                                         at::TensorOptions().dtype(at::kLong).device(boxes.device()));
  using at::indexing::None;
  using at::indexing::Slice;
  const at::Tensor xy = boxes.index({Slice(), Slice(None, 2)});
  const at::Tensor wh = boxes.index({Slice(), Slice(2, None)});
  const at::Tensor xyxy = at::cat({(xy - 0.5 * wh) * x_y_size, (xy + 0.5 * wh) * x_y_size}, -1);
  return std::vector<at::Tensor>(static_cast<size_t>(num_images), xyxy);
}

} // namespace polytrain::ops
