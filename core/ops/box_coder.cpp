#include "core/ops/box_coder.h"

#include <ATen/ATen.h>

namespace polytrain::ops {

BoxCoder::BoxCoder(std::array<double, 4> weights, double bbox_xform_clip)
    : weights_(weights), bbox_xform_clip_(bbox_xform_clip) {}

std::vector<at::Tensor> BoxCoder::encode(const std::vector<at::Tensor>& reference_boxes,
                                         const std::vector<at::Tensor>& proposals) const {
  TORCH_CHECK(reference_boxes.size() == proposals.size(), "BoxCoder::encode: ", reference_boxes.size(),
              " reference box sets but ", proposals.size(), " proposal sets");
  std::vector<int64_t> per_image;
  for (const auto& b : reference_boxes) {
    per_image.push_back(b.size(0));
  }
  const at::Tensor targets = encode_single(at::cat(reference_boxes, 0), at::cat(proposals, 0));
  return targets.split_with_sizes(per_image, 0);
}

at::Tensor BoxCoder::encode_single(const at::Tensor& reference_boxes, const at::Tensor& proposals) const {
  TORCH_CHECK(reference_boxes.dim() == 2 && reference_boxes.size(1) == 4 &&
                  proposals.sizes() == reference_boxes.sizes(),
              "BoxCoder::encode_single: expected two [N, 4] tensors, got ", reference_boxes.sizes(), " and ",
              proposals.sizes());
  const at::Tensor weights =
      at::tensor(std::vector<double>(weights_.begin(), weights_.end()), reference_boxes.options().dtype(at::kDouble))
          .to(reference_boxes.scalar_type());
  const at::Tensor wx = weights[0], wy = weights[1], ww = weights[2], wh = weights[3];
  auto col = [](const at::Tensor& t, int64_t i) { return t.select(1, i).unsqueeze(1); };
  const at::Tensor ex_widths = col(proposals, 2) - col(proposals, 0);
  const at::Tensor ex_heights = col(proposals, 3) - col(proposals, 1);
  const at::Tensor ex_ctr_x = col(proposals, 0) + 0.5 * ex_widths;
  const at::Tensor ex_ctr_y = col(proposals, 1) + 0.5 * ex_heights;
  const at::Tensor gt_widths = col(reference_boxes, 2) - col(reference_boxes, 0);
  const at::Tensor gt_heights = col(reference_boxes, 3) - col(reference_boxes, 1);
  const at::Tensor gt_ctr_x = col(reference_boxes, 0) + 0.5 * gt_widths;
  const at::Tensor gt_ctr_y = col(reference_boxes, 1) + 0.5 * gt_heights;
  const at::Tensor dx = wx * (gt_ctr_x - ex_ctr_x) / ex_widths;
  const at::Tensor dy = wy * (gt_ctr_y - ex_ctr_y) / ex_heights;
  const at::Tensor dw = ww * at::log(gt_widths / ex_widths);
  const at::Tensor dh = wh * at::log(gt_heights / ex_heights);
  return at::cat({dx, dy, dw, dh}, 1);
}

at::Tensor BoxCoder::decode(const at::Tensor& rel_codes, const std::vector<at::Tensor>& boxes) const {
  int64_t box_sum = 0;
  for (const auto& b : boxes) {
    box_sum += b.size(0);
  }
  const at::Tensor concat = at::cat(boxes, 0);
  const at::Tensor codes = box_sum > 0 ? rel_codes.reshape({box_sum, -1}) : rel_codes;
  at::Tensor pred = decode_single(codes, concat);
  if (box_sum > 0) {
    pred = pred.reshape({box_sum, -1, 4});
  }
  return pred;
}

at::Tensor BoxCoder::decode_single(const at::Tensor& rel_codes, const at::Tensor& boxes_in) const {
  const at::Tensor boxes = boxes_in.to(rel_codes.scalar_type());
  const at::Tensor widths = boxes.select(1, 2) - boxes.select(1, 0);
  const at::Tensor heights = boxes.select(1, 3) - boxes.select(1, 1);
  const at::Tensor ctr_x = boxes.select(1, 0) + 0.5 * widths;
  const at::Tensor ctr_y = boxes.select(1, 1) + 0.5 * heights;

  using at::indexing::None;
  using at::indexing::Slice;
  const at::Tensor dx = rel_codes.index({Slice(), Slice(0, None, 4)}) / weights_[0];
  const at::Tensor dy = rel_codes.index({Slice(), Slice(1, None, 4)}) / weights_[1];
  const at::Tensor dw = (rel_codes.index({Slice(), Slice(2, None, 4)}) / weights_[2]).clamp_max(bbox_xform_clip_);
  const at::Tensor dh = (rel_codes.index({Slice(), Slice(3, None, 4)}) / weights_[3]).clamp_max(bbox_xform_clip_);

  const at::Tensor pred_ctr_x = dx * widths.unsqueeze(1) + ctr_x.unsqueeze(1);
  const at::Tensor pred_ctr_y = dy * heights.unsqueeze(1) + ctr_y.unsqueeze(1);
  const at::Tensor pred_w = at::exp(dw) * widths.unsqueeze(1);
  const at::Tensor pred_h = at::exp(dh) * heights.unsqueeze(1);
  const at::Tensor half_h = at::scalar_tensor(0.5, pred_ctr_y.options()) * pred_h;
  const at::Tensor half_w = at::scalar_tensor(0.5, pred_ctr_x.options()) * pred_w;
  return at::stack({pred_ctr_x - half_w, pred_ctr_y - half_h, pred_ctr_x + half_w, pred_ctr_y + half_h}, 2).flatten(1);
}

} // namespace polytrain::ops
