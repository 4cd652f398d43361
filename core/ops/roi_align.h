// RoIAlign mirroring torchvision.ops.roi_align (0.14): native CPU kernels, parallel over RoIs (forward) and
// channels (backward), differentiable through autograd with respect to the input.
#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <vector>

namespace polytrain::ops {

struct RoIAlignParams {
  int64_t pooled_height = 7;
  int64_t pooled_width = 7;
  double spatial_scale = 1.0;
  /// Sampling points per bin along each axis; <= 0 means adaptive: ceil(roi_size / pooled_size).
  int64_t sampling_ratio = -1;
  /// true: pixel model shifted by -0.5 (Detectron2's "aligned"); false: torchvision's legacy default.
  bool aligned = false;
};

/// input [N, C, H, W]; rois [K, 5] as (batch_index, x1, y1, x2, y2) in image coordinates, same dtype as input.
/// Returns [K, C, pooled_height, pooled_width]. Gradients flow to input (not to rois).
at::Tensor roi_align(const at::Tensor& input, const at::Tensor& rois, const RoIAlignParams& params);

/// Same as above with one [L_i, 4] box tensor per image (torchvision's List[Tensor] form). A separate name, because
/// `roi_align(x, {boxes}, p)` would silently pick the Tensor overload.
at::Tensor roi_align_boxes(const at::Tensor& input, const std::vector<at::Tensor>& boxes, const RoIAlignParams& params);

/// Concatenates per-image boxes into [K, 5] rois with the image index in column 0.
at::Tensor boxes_to_rois(const std::vector<at::Tensor>& boxes);

/// Raw kernels (no autograd), exposed for tests and benchmarks.
at::Tensor roi_align_forward(const at::Tensor& input, const at::Tensor& rois, const RoIAlignParams& params);
at::Tensor roi_align_backward(const at::Tensor& grad_output, const at::Tensor& rois, const RoIAlignParams& params,
                              int64_t batch_size, int64_t channels, int64_t height, int64_t width);

} // namespace polytrain::ops
