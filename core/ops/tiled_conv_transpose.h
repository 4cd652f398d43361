// A transposed convolution whose kernel equals its stride (Mask R-CNN's conv5_mask: 2x2, stride 2) as one GEMM.
#pragma once

#include <ATen/core/Tensor.h>

namespace polytrain::ops {

/// at::conv_transpose2d(x, weight, bias, stride = kernel size), differentiable in all three.
///
/// Why it exists: libtorch 1.13 has no oneDNN path for transposed convolutions on the CPU; it runs
/// slow_conv_transpose2d, one small GEMM and a col2im per image, one image at a time, on one BLAS thread. When the
/// stride equals the kernel the output tiles never overlap, so every input pixel's C-vector times the weight
/// [C, Cout * k * k] is its own k x k output tile: the whole layer is one [pixels, C] x [C, k * k * Cout] product
/// (linear_on_all_threads, every thread busy) and a copy that puts the tiles in place.
///
/// weight is [C, Cout, k, k] as torch::nn::ConvTranspose2d holds it, bias [Cout] or undefined. The result has
/// channels-last strides (the layout the copy writes without a second pass); values do not depend on x's layout.
at::Tensor tiled_conv_transpose2d(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias);

/// Whether tiled_conv_transpose2d computes this layer: a square kernel equal to the stride, no padding, no output
/// padding, dilation 1, one group.
bool is_tiled_conv_transpose(int64_t kernel_h, int64_t kernel_w, int64_t stride_h, int64_t stride_w, int64_t padding,
                             int64_t output_padding, int64_t dilation, int64_t groups);

} // namespace polytrain::ops
