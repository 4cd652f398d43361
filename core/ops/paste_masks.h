// Pasting low-resolution instance masks into the image, mirroring torchvision's roi_heads.paste_masks_in_image (0.14).
#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>

namespace polytrain::ops {

/// Scales boxes about their centres by `scale`.
at::Tensor expand_boxes(const at::Tensor& boxes, double scale);

/// masks [N, 1, M, M], boxes [N, 4] (image coordinates); returns [N, 1, height, width] soft masks (not thresholded).
/// Masks are padded by `padding` pixels and the boxes expanded to match, then each mask is resized bilinearly to
/// its integer box and pasted.
at::Tensor paste_masks_in_image(const at::Tensor& masks, const at::Tensor& boxes, int64_t height, int64_t width,
                                int64_t padding = 1);

} // namespace polytrain::ops
