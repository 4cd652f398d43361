// Box operations mirroring torchvision.ops.boxes (0.14). Boxes are (x1, y1, x2, y2) tensors of shape [N, 4].
#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>

namespace polytrain::ops {

/// (x2 - x1) * (y2 - y1), computed in float32/float64 (half precision inputs are upcast as torchvision does).
at::Tensor box_area(const at::Tensor& boxes);

/// Pairwise intersection over union, [N, M].
at::Tensor box_iou(const at::Tensor& boxes1, const at::Tensor& boxes2);

/// Clamps x to [0, width] and y to [0, height]. Works for any leading shape [..., 4].
at::Tensor clip_boxes_to_image(const at::Tensor& boxes, int64_t height, int64_t width);

/// Indices (int64) of the boxes whose width and height are both >= min_size.
at::Tensor remove_small_boxes(const at::Tensor& boxes, double min_size);

/// Converts between "xyxy", "xywh" and "cxcywh".
at::Tensor box_convert(const at::Tensor& boxes, const std::string& in_fmt, const std::string& out_fmt);

/// Greedy non-maximum suppression. Returns the kept indices (int64) in decreasing score order; boxes with equal
/// scores keep their input order (stable sort), exactly as torchvision's CPU kernel.
at::Tensor nms(const at::Tensor& boxes, const at::Tensor& scores, double iou_threshold);

/// NMS per category (idxs). Uses torchvision's strategy: the coordinate-offset trick for small inputs and one nms
/// per category for large ones (more than 1000 boxes on the CPU, 5000 on CUDA), so keep lists are identical.
at::Tensor batched_nms(const at::Tensor& boxes, const at::Tensor& scores, const at::Tensor& idxs, double iou_threshold);

} // namespace polytrain::ops
