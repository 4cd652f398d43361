#include "core/ops/tiled_conv_transpose.h"

#include "core/ops/threaded_linear.h"

#include <ATen/ATen.h>

namespace polytrain::ops {

bool is_tiled_conv_transpose(int64_t kernel_h, int64_t kernel_w, int64_t stride_h, int64_t stride_w, int64_t padding,
                             int64_t output_padding, int64_t dilation, int64_t groups) {
  return kernel_h == kernel_w && stride_h == kernel_h && stride_w == kernel_w && padding == 0 &&
         output_padding == 0 && dilation == 1 && groups == 1;
}

at::Tensor tiled_conv_transpose2d(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias) {
  TORCH_CHECK(x.dim() == 4, "tiled_conv_transpose2d: input must be [N, C, H, W], got ", x.sizes());
  TORCH_CHECK(weight.dim() == 4 && weight.size(2) == weight.size(3) && weight.size(0) == x.size(1),
              "tiled_conv_transpose2d: weight must be [C, Cout, k, k] with C = ", x.size(1), ", got ", weight.sizes());
  const int64_t n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
  const int64_t c_out = weight.size(1), k = weight.size(2);
  TORCH_CHECK(!bias.defined() || (bias.dim() == 1 && bias.size(0) == c_out),
              "tiled_conv_transpose2d: bias must be [", c_out, "], got ", bias.sizes());

  // Columns ordered (tile row a, tile column b, output channel), so that a tile row's k * Cout values are contiguous
  // in the product and in the channels-last output alike.
  const at::Tensor weight_by_column = weight.permute({2, 3, 1, 0}).reshape({k * k * c_out, c});
  const at::Tensor bias_by_column = bias.defined() ? bias.repeat({k * k}) : at::Tensor();
  const at::Tensor pixels = x.permute({0, 2, 3, 1}).reshape({n * h * w, c});
  const at::Tensor tiles = linear_on_all_threads(pixels, weight_by_column, bias_by_column);
  // [n, i, j, a, b, co] -> [n, i, a, j, b, co]: output row i * k + a, column j * k + b, channels last.
  return tiles.view({n, h, w, k, k * c_out})
      .permute({0, 1, 3, 2, 4})
      .reshape({n, h * k, w * k, c_out})
      .permute({0, 3, 1, 2});
}

} // namespace polytrain::ops
