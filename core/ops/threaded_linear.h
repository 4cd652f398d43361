// A fully connected layer whose matrix products use every intra-op thread.
#pragma once

#include <ATen/core/Tensor.h>

namespace polytrain::ops {

/// y = x W^T + b, as at::linear, differentiable in x, W and b.
///
/// Why it exists: on the CPU at::linear hands the whole product to the BLAS library in one call, and the studio
/// runs OpenBLAS at one thread (its own pool spins against OpenMP's and costs more than it gains; see
/// core/runtime/torch_runtime.h). Mask R-CNN's box head (fc6: RoIs x 12544 x 1024) is then the one large piece of
/// work that a 2-core machine does on one core. Here the forward product, the input gradient and the weight gradient
/// are each split into one block of rows per intra-op thread, and each block is one single-threaded BLAS call, so
/// all threads work and the BLAS library never starts threads of its own.
///
/// Small products, CUDA tensors, a single thread and calls from inside a parallel region take at::linear unchanged.
/// The split changes only which rows a call computes, never the order of a row's sums, so a given thread count
/// always gives the same numbers.
at::Tensor linear_on_all_threads(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias);

/// Whether linear_on_all_threads splits a product of this shape ([m, k] x [k, n]) at the current thread count.
bool splits_product(int64_t m, int64_t k, int64_t n);

} // namespace polytrain::ops
