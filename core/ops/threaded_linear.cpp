#include "core/ops/threaded_linear.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <ATen/ThreadLocalState.h>
#include <ATen/core/grad_mode.h>
#include <torch/csrc/autograd/custom_function.h>

#include <algorithm>
#include <utility>

namespace polytrain::ops {
namespace {

// Below this many multiply-adds a product takes well under a millisecond and starting the threads costs more than
// the second core gives back.
constexpr int64_t kMinSplitWork = int64_t{1} << 21;
// Blocks start on a multiple of the row tile of OpenBLAS's sgemm kernels, so no block ends on a ragged tile inside.
constexpr int64_t kRowAlignment = 16;

// Calls body(first_row, end_row) once per intra-op thread, each on its own block of rows, with the caller's
// thread-local state (grad mode, inference mode): OpenMP's workers do not inherit it, and an out= product into an
// inference tensor outside inference mode is refused.
template <class Body>
void on_row_blocks(int64_t rows, const Body& body) {
  const int64_t threads = at::get_num_threads();
  const int64_t per_thread = (rows + threads - 1) / threads;
  const int64_t block = (per_thread + kRowAlignment - 1) / kRowAlignment * kRowAlignment;
  const at::ThreadLocalState caller_state;
  at::parallel_for(0, threads, 1, [&](int64_t begin, int64_t end) {
    const at::ThreadLocalStateGuard guard(caller_state);
    for (int64_t t = begin; t < end; ++t) {
      const int64_t first = t * block;
      const int64_t last = std::min(rows, first + block);
      if (first < last) {
        body(first, last);
      }
    }
  });
}

// a [m, k] x b [k, n] (+ bias [n]), one block of a's rows per thread. a may be a transposed view.
at::Tensor product_by_row_blocks(const at::Tensor& a, const at::Tensor& b, const at::Tensor& bias) {
  at::Tensor out = at::empty({a.size(0), b.size(1)}, a.options());
  on_row_blocks(a.size(0), [&](int64_t first, int64_t last) {
    at::Tensor rows_out = out.narrow(0, first, last - first);
    const at::Tensor rows_a = a.narrow(0, first, last - first);
    if (bias.defined()) {
      at::addmm_out(rows_out, bias, rows_a, b);
    } else {
      at::mm_out(rows_out, rows_a, b);
    }
  });
  return out;
}

// The gradients of x W^T: [m, n] x [n, k] for x and, split by output feature, [n, m] x [m, k] for W.
std::pair<at::Tensor, at::Tensor> input_and_weight_gradients(torch::autograd::AutogradContext* ctx,
                                                              const at::Tensor& grad) {
  const auto saved = ctx->get_saved_variables();
  at::Tensor grad_x, grad_weight;
  if (ctx->needs_input_grad(0)) {
    grad_x = product_by_row_blocks(grad, saved[1], {});
  }
  if (ctx->needs_input_grad(1)) {
    grad_weight = product_by_row_blocks(grad.t(), saved[0], {});
  }
  return {grad_x, grad_weight};
}

class LinearOnAllThreads : public torch::autograd::Function<LinearOnAllThreads> {
public:
  static at::Tensor forward(torch::autograd::AutogradContext* ctx, const at::Tensor& x, const at::Tensor& weight,
                            const at::Tensor& bias) {
    ctx->save_for_backward({x, weight});
    return product_by_row_blocks(x, weight.t(), bias);
  }

  static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                 torch::autograd::variable_list grad_outputs) {
    const at::Tensor grad = grad_outputs[0].contiguous();
    auto [grad_x, grad_weight] = input_and_weight_gradients(ctx, grad);
    return {grad_x, grad_weight, ctx->needs_input_grad(2) ? grad.sum(0) : at::Tensor()};
  }
};

// Autograd refuses an undefined tensor among a function's inputs, hence a second function for no bias.
class LinearOnAllThreadsNoBias : public torch::autograd::Function<LinearOnAllThreadsNoBias> {
public:
  static at::Tensor forward(torch::autograd::AutogradContext* ctx, const at::Tensor& x, const at::Tensor& weight) {
    ctx->save_for_backward({x, weight});
    return product_by_row_blocks(x, weight.t(), {});
  }

  static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                 torch::autograd::variable_list grad_outputs) {
    auto [grad_x, grad_weight] = input_and_weight_gradients(ctx, grad_outputs[0].contiguous());
    return {grad_x, grad_weight};
  }
};

} // namespace

bool splits_product(int64_t m, int64_t k, int64_t n) {
  const int64_t threads = at::get_num_threads();
  return threads > 1 && !at::in_parallel_region() && std::min({m, n}) >= threads * kRowAlignment &&
         m * k * n >= kMinSplitWork;
}

at::Tensor linear_on_all_threads(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias) {
  TORCH_CHECK(weight.dim() == 2, "linear_on_all_threads: weight must be [out, in], got ", weight.sizes());
  if (x.dim() != 2 || !x.device().is_cpu() || x.size(1) != weight.size(1) ||
      !splits_product(x.size(0), x.size(1), weight.size(0))) {
    return at::linear(x, weight, bias); // also gives at::linear's own error for mismatched shapes
  }
  const bool records_graph = at::GradMode::is_enabled() && (x.requires_grad() || weight.requires_grad() ||
                                                            (bias.defined() && bias.requires_grad()));
  if (!records_graph) {
    return product_by_row_blocks(x, weight.t(), bias);
  }
  return bias.defined() ? LinearOnAllThreads::apply(x, weight, bias) : LinearOnAllThreadsNoBias::apply(x, weight);
}

} // namespace polytrain::ops
