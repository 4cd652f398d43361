#include "core/ops/paste_masks.h"

#include <ATen/ATen.h>

#include <algorithm>

namespace polytrain::ops {
namespace {

at::Tensor paste_one(const at::Tensor& mask, const int64_t* box, int64_t im_h, int64_t im_w) {
  const int64_t w = std::max<int64_t>(box[2] - box[0] + 1, 1);
  const int64_t h = std::max<int64_t>(box[3] - box[1] + 1, 1);
  const at::Tensor resized =
      at::upsample_bilinear2d(mask.expand({1, 1, -1, -1}), {h, w}, /*align_corners=*/false).select(0, 0).select(0, 0);
  at::Tensor im_mask = at::zeros({im_h, im_w}, mask.options());
  const int64_t x0 = std::max<int64_t>(box[0], 0);
  const int64_t x1 = std::min<int64_t>(box[2] + 1, im_w);
  const int64_t y0 = std::max<int64_t>(box[1], 0);
  const int64_t y1 = std::min<int64_t>(box[3] + 1, im_h);
  if (x1 > x0 && y1 > y0) {
    im_mask.slice(0, y0, y1).slice(1, x0, x1).copy_(
        resized.slice(0, y0 - box[1], y1 - box[1]).slice(1, x0 - box[0], x1 - box[0]));
  }
  return im_mask;
}

} // namespace

at::Tensor expand_boxes(const at::Tensor& boxes, double scale) {
  const at::Tensor w_half = (boxes.select(1, 2) - boxes.select(1, 0)) * 0.5 * scale;
  const at::Tensor h_half = (boxes.select(1, 3) - boxes.select(1, 1)) * 0.5 * scale;
  const at::Tensor x_c = (boxes.select(1, 2) + boxes.select(1, 0)) * 0.5;
  const at::Tensor y_c = (boxes.select(1, 3) + boxes.select(1, 1)) * 0.5;
  return at::stack({x_c - w_half, y_c - h_half, x_c + w_half, y_c + h_half}, 1);
}

at::Tensor paste_masks_in_image(const at::Tensor& masks, const at::Tensor& boxes, int64_t height, int64_t width,
                                int64_t padding) {
  TORCH_CHECK(masks.dim() == 4 && masks.size(1) == 1, "paste_masks_in_image: masks must be [N, 1, M, M], got ",
              masks.sizes());
  TORCH_CHECK(boxes.dim() == 2 && boxes.size(1) == 4 && boxes.size(0) == masks.size(0),
              "paste_masks_in_image: boxes must be [N, 4] with N = ", masks.size(0), ", got ", boxes.sizes());
  const int64_t m = masks.size(-1);
  const double scale = static_cast<double>(m + 2 * padding) / static_cast<double>(m);
  const at::Tensor padded = at::constant_pad_nd(masks, {padding, padding, padding, padding}, 0);
  const at::Tensor int_boxes = expand_boxes(boxes, scale).to(at::kLong).cpu().contiguous();
  const int64_t n = masks.size(0);
  if (n == 0) {
    return at::empty({0, 1, height, width}, masks.options());
  }
  std::vector<at::Tensor> res(static_cast<size_t>(n));
  const int64_t* b = int_boxes.data_ptr<int64_t>();
  for (int64_t i = 0; i < n; ++i) {
    res[static_cast<size_t>(i)] = paste_one(padded[i][0], b + 4 * i, height, width);
  }
  return at::stack(res, 0).unsqueeze(1);
}

} // namespace polytrain::ops
