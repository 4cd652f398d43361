#include "core/ops/boxes.h"

#include <ATen/ATen.h>
#include <ATen/Dispatch.h>

#include <string>

namespace polytrain::ops {
namespace {

at::Tensor upcast(const at::Tensor& t) {
  if (t.is_floating_point()) {
    return (t.scalar_type() == at::kFloat || t.scalar_type() == at::kDouble) ? t : t.to(at::kFloat);
  }
  return (t.scalar_type() == at::kInt || t.scalar_type() == at::kLong) ? t : t.to(at::kInt);
}

void check_boxes(const at::Tensor& boxes, const char* what) {
  TORCH_CHECK(boxes.dim() == 2 && boxes.size(1) == 4, what, ": boxes must have shape [N, 4], got ", boxes.sizes());
}

template <typename scalar_t>
void nms_kernel(const at::Tensor& dets, const at::Tensor& scores, double iou_threshold, at::Tensor& keep,
                int64_t& num_to_keep) {
  const at::Tensor x1_t = dets.select(1, 0).contiguous();
  const at::Tensor y1_t = dets.select(1, 1).contiguous();
  const at::Tensor x2_t = dets.select(1, 2).contiguous();
  const at::Tensor y2_t = dets.select(1, 3).contiguous();
  const at::Tensor areas_t = (x2_t - x1_t) * (y2_t - y1_t);
  const at::Tensor order_t = std::get<1>(scores.sort(/*stable=*/true, /*dim=*/0, /*descending=*/true));

  const int64_t ndets = dets.size(0);
  std::vector<uint8_t> suppressed(static_cast<size_t>(ndets), 0);
  const auto* x1 = x1_t.data_ptr<scalar_t>();
  const auto* y1 = y1_t.data_ptr<scalar_t>();
  const auto* x2 = x2_t.data_ptr<scalar_t>();
  const auto* y2 = y2_t.data_ptr<scalar_t>();
  const auto* areas = areas_t.data_ptr<scalar_t>();
  const auto* order = order_t.data_ptr<int64_t>();
  auto* keep_ptr = keep.data_ptr<int64_t>();

  num_to_keep = 0;
  for (int64_t oi = 0; oi < ndets; ++oi) {
    const int64_t i = order[oi];
    if (suppressed[static_cast<size_t>(i)]) {
      continue;
    }
    keep_ptr[num_to_keep++] = i;
    const scalar_t ix1 = x1[i], iy1 = y1[i], ix2 = x2[i], iy2 = y2[i], iarea = areas[i];
    for (int64_t oj = oi + 1; oj < ndets; ++oj) {
      const int64_t j = order[oj];
      if (suppressed[static_cast<size_t>(j)]) {
        continue;
      }
      const scalar_t xx1 = std::max(ix1, x1[j]);
      const scalar_t yy1 = std::max(iy1, y1[j]);
      const scalar_t xx2 = std::min(ix2, x2[j]);
      const scalar_t yy2 = std::min(iy2, y2[j]);
      const scalar_t w = std::max(static_cast<scalar_t>(0), xx2 - xx1);
      const scalar_t h = std::max(static_cast<scalar_t>(0), yy2 - yy1);
      const scalar_t inter = w * h;
      const scalar_t ovr = inter / (iarea + areas[j] - inter);
      if (ovr > iou_threshold) {
        suppressed[static_cast<size_t>(j)] = 1;
      }
    }
  }
}

at::Tensor nms_cpu(const at::Tensor& dets, const at::Tensor& scores, double iou_threshold) {
  if (dets.numel() == 0) {
    return at::empty({0}, dets.options().dtype(at::kLong));
  }
  at::Tensor keep = at::empty({dets.size(0)}, dets.options().dtype(at::kLong));
  int64_t num_to_keep = 0;
  AT_DISPATCH_FLOATING_TYPES_AND_HALF(dets.scalar_type(), "polytrain_nms",
                                      [&] { nms_kernel<scalar_t>(dets, scores, iou_threshold, keep, num_to_keep); });
  return keep.narrow(0, 0, num_to_keep);
}

at::Tensor batched_nms_coordinate_trick(const at::Tensor& boxes, const at::Tensor& scores, const at::Tensor& idxs,
                                        double iou_threshold) {
  if (boxes.numel() == 0) {
    return at::empty({0}, boxes.options().dtype(at::kLong));
  }
  const at::Tensor max_coordinate = boxes.max();
  const at::Tensor offsets = idxs.to(boxes) * (max_coordinate + at::scalar_tensor(1).to(boxes));
  return nms(boxes + offsets.unsqueeze(1), scores, iou_threshold);
}

at::Tensor batched_nms_vanilla(const at::Tensor& boxes, const at::Tensor& scores, const at::Tensor& idxs,
                               double iou_threshold) {
  at::Tensor keep_mask = at::zeros_like(scores, scores.options().dtype(at::kBool));
  const at::Tensor classes = std::get<0>(at::_unique2(idxs, /*sorted=*/true)).cpu().to(at::kLong);
  const auto* class_ptr = classes.data_ptr<int64_t>();
  for (int64_t k = 0; k < classes.numel(); ++k) {
    const at::Tensor curr_indices = at::where(idxs == class_ptr[k])[0];
    const at::Tensor curr_keep =
        nms(boxes.index_select(0, curr_indices), scores.index_select(0, curr_indices), iou_threshold);
    keep_mask.index_fill_(0, curr_indices.index_select(0, curr_keep), true);
  }
  const at::Tensor keep_indices = at::where(keep_mask)[0];
  const at::Tensor order = std::get<1>(scores.index_select(0, keep_indices).sort(/*dim=*/-1, /*descending=*/true));
  return keep_indices.index_select(0, order);
}

} // namespace

at::Tensor box_area(const at::Tensor& boxes) {
  const at::Tensor b = upcast(boxes);
  return (b.select(1, 2) - b.select(1, 0)) * (b.select(1, 3) - b.select(1, 1));
}

at::Tensor box_iou(const at::Tensor& boxes1, const at::Tensor& boxes2) {
  check_boxes(boxes1, "box_iou");
  check_boxes(boxes2, "box_iou");
  const at::Tensor area1 = box_area(boxes1);
  const at::Tensor area2 = box_area(boxes2);
  using at::indexing::Slice;
  const at::Tensor lt =
      at::max(boxes1.index({Slice(), at::indexing::None, Slice(0, 2)}), boxes2.index({Slice(), Slice(0, 2)}));
  const at::Tensor rb =
      at::min(boxes1.index({Slice(), at::indexing::None, Slice(2, 4)}), boxes2.index({Slice(), Slice(2, 4)}));
  const at::Tensor wh = upcast(rb - lt).clamp_min(0);
  const at::Tensor inter = wh.select(2, 0) * wh.select(2, 1);
  const at::Tensor uni = area1.unsqueeze(1) + area2 - inter;
  return inter / uni;
}

at::Tensor clip_boxes_to_image(const at::Tensor& boxes, int64_t height, int64_t width) {
  TORCH_CHECK(boxes.dim() >= 1 && boxes.size(-1) == 4, "clip_boxes_to_image: last dimension must be 4, got ",
              boxes.sizes());
  using at::indexing::Ellipsis;
  using at::indexing::Slice;
  const int64_t dim = boxes.dim();
  const at::Tensor bx = boxes.index({Ellipsis, Slice(0, at::indexing::None, 2)}).clamp(0, width);
  const at::Tensor by = boxes.index({Ellipsis, Slice(1, at::indexing::None, 2)}).clamp(0, height);
  return at::stack({bx, by}, dim).reshape(boxes.sizes());
}

at::Tensor remove_small_boxes(const at::Tensor& boxes, double min_size) {
  check_boxes(boxes, "remove_small_boxes");
  const at::Tensor ws = boxes.select(1, 2) - boxes.select(1, 0);
  const at::Tensor hs = boxes.select(1, 3) - boxes.select(1, 1);
  return at::where(ws.ge(min_size).logical_and(hs.ge(min_size)))[0];
}

at::Tensor box_convert(const at::Tensor& boxes, const std::string& in_fmt, const std::string& out_fmt) {
  auto valid = [](const std::string& f) { return f == "xyxy" || f == "xywh" || f == "cxcywh"; };
  TORCH_CHECK(valid(in_fmt) && valid(out_fmt), "box_convert: unsupported formats '", in_fmt, "' -> '", out_fmt,
              "' (use xyxy, xywh or cxcywh)");
  if (in_fmt == out_fmt) {
    return boxes.clone();
  }
  at::Tensor xyxy = boxes;
  const auto c = boxes.unbind(-1);
  if (in_fmt == "xywh") {
    xyxy = at::stack({c[0], c[1], c[0] + c[2], c[1] + c[3]}, -1);
  } else if (in_fmt == "cxcywh") {
    xyxy = at::stack({c[0] - 0.5 * c[2], c[1] - 0.5 * c[3], c[0] + 0.5 * c[2], c[1] + 0.5 * c[3]}, -1);
  }
  if (out_fmt == "xyxy") {
    return xyxy;
  }
  const auto x = xyxy.unbind(-1);
  if (out_fmt == "xywh") {
    return at::stack({x[0], x[1], x[2] - x[0], x[3] - x[1]}, -1);
  }
  return at::stack({(x[0] + x[2]) / 2, (x[1] + x[3]) / 2, x[2] - x[0], x[3] - x[1]}, -1);
}

at::Tensor nms(const at::Tensor& boxes, const at::Tensor& scores, double iou_threshold) {
  check_boxes(boxes, "nms");
  TORCH_CHECK(scores.dim() == 1 && scores.size(0) == boxes.size(0),
              "nms: scores must have shape [N] with N = ", boxes.size(0), ", got ", scores.sizes());
  TORCH_CHECK(boxes.scalar_type() == scores.scalar_type(), "nms: boxes (", boxes.scalar_type(), ") and scores (",
              scores.scalar_type(), ") must have the same dtype");
  if (!boxes.device().is_cpu()) {
    // No native CUDA kernel yet: compute on the host, return on the caller's device.
    return nms_cpu(boxes.cpu(), scores.cpu(), iou_threshold).to(boxes.device());
  }
  return nms_cpu(boxes, scores, iou_threshold);
}

at::Tensor batched_nms(const at::Tensor& boxes, const at::Tensor& scores, const at::Tensor& idxs,
                       double iou_threshold) {
  check_boxes(boxes, "batched_nms");
  TORCH_CHECK(idxs.dim() == 1 && idxs.size(0) == boxes.size(0),
              "batched_nms: idxs must have shape [N] with N = ", boxes.size(0), ", got ", idxs.sizes());
  const int64_t vanilla_above = boxes.device().is_cpu() ? 4000 : 20000;
  if (boxes.numel() > vanilla_above) {
    return batched_nms_vanilla(boxes, scores, idxs, iou_threshold);
  }
  return batched_nms_coordinate_trick(boxes, scores, idxs, iou_threshold);
}

} // namespace polytrain::ops
