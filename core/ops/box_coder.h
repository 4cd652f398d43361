// BoxCoder mirroring torchvision.models.detection._utils.BoxCoder (0.14).
#pragma once

#include <ATen/core/Tensor.h>

#include <array>
#include <cmath>
#include <vector>

namespace polytrain::ops {

class BoxCoder {
public:
  /// weights for (dx, dy, dw, dh); dw/dh are clamped to bbox_xform_clip before exp() when decoding.
  explicit BoxCoder(std::array<double, 4> weights, double bbox_xform_clip = std::log(1000.0 / 16));

  /// Regression targets of proposals towards reference_boxes, per image, split back per image.
  std::vector<at::Tensor> encode(const std::vector<at::Tensor>& reference_boxes,
                                 const std::vector<at::Tensor>& proposals) const;
  at::Tensor encode_single(const at::Tensor& reference_boxes, const at::Tensor& proposals) const;

  /// rel_codes [sum L_i, 4 * K] applied to the concatenated boxes; returns [sum L_i, K, 4].
  at::Tensor decode(const at::Tensor& rel_codes, const std::vector<at::Tensor>& boxes) const;
  /// rel_codes [L, 4 * K], boxes [L, 4]; returns [L, 4 * K].
  at::Tensor decode_single(const at::Tensor& rel_codes, const at::Tensor& boxes) const;

  const std::array<double, 4>& weights() const { return weights_; }
  double bbox_xform_clip() const { return bbox_xform_clip_; }

private:
  std::array<double, 4> weights_;
  double bbox_xform_clip_;
};

} // namespace polytrain::ops
