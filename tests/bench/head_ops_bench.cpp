// Mask R-CNN's box and mask head ops: polytrain::ops' threaded versions vs the libtorch ops torchvision calls
// (at::linear, at::conv_transpose2d), same inputs, same process, same threads. Prints the best time of each and the
// ratio ours / libtorch (< 1: ours faster), for inference and for forward + backward.
//
// usage: head_ops_bench [--threads N] [--reps R]
#include "bench_runtime.h"

#include "core/ops/threaded_linear.h"
#include "core/ops/tiled_conv_transpose.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace {

using Op = std::function<at::Tensor(const at::Tensor&, const at::Tensor&, const at::Tensor&)>;

struct Shape {
  std::string name;
  std::vector<int64_t> input, weight; // the weight as the module holds it
  bool transposed_conv = false;
};

using polytrain::bench::best_ms;

// Best time of op in inference mode and of op + backward of a sum, for one shape.
std::pair<double, double> time_op(const Shape& s, const Op& op, int reps) {
  at::manual_seed(0);
  at::Tensor x = at::randn(s.input);
  if (s.transposed_conv) {
    x = x.contiguous(at::MemoryFormat::ChannelsLast); // the mask head runs channels-last
  }
  const at::Tensor w = at::randn(s.weight) * 0.01;
  const at::Tensor b = at::randn({s.weight.at(s.transposed_conv ? 1 : 0)});
  const auto eval_step = [&] {
    const c10::InferenceMode inference;
    op(x, w, b);
  };
  eval_step(); // warm-up: oneDNN primitives, allocator
  const double eval = best_ms(eval_step, reps);
  const at::Tensor xg = x.clone().requires_grad_(), wg = w.clone().requires_grad_(), bg = b.clone().requires_grad_();
  const auto train_step = [&] {
    op(xg, wg, bg).sum().backward();
    xg.mutable_grad().reset();
    wg.mutable_grad().reset();
    bg.mutable_grad().reset();
  };
  train_step();
  const double train = best_ms(train_step, reps);
  return {eval, train};
}

} // namespace

int main(int argc, char** argv) {
  int threads = 2, reps = 7;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--threads") {
      threads = std::stoi(argv[i + 1]);
    } else if (a == "--reps") {
      reps = std::stoi(argv[i + 1]);
    }
  }
  const int in_force = polytrain::bench::configureBothSides(threads);
  std::printf("Mask R-CNN head ops, ours vs libtorch's; threads %d (torch reports %d), BLAS %s, best of %d\n", threads,
              in_force, polytrain::bench::blasReport().c_str(), reps);

  const std::vector<Shape> shapes = {
      {"fc6, 300 RoIs (MobileNetV3 eval)", {300, 12544}, {1024, 12544}},
      {"fc6, 1024 RoIs (training, 2 images)", {1024, 12544}, {1024, 12544}},
      {"fc6, 2000 RoIs (ResNet eval)", {2000, 12544}, {1024, 12544}},
      {"fc7, 1024 RoIs", {1024, 1024}, {1024, 1024}},
      {"conv5_mask, 100 RoIs", {100, 256, 14, 14}, {256, 256, 2, 2}, true},
      {"conv5_mask, 200 RoIs", {200, 256, 14, 14}, {256, 256, 2, 2}, true},
  };
  const Op ours_linear = [](const at::Tensor& x, const at::Tensor& w, const at::Tensor& b) {
    return polytrain::ops::linear_on_all_threads(x, w, b);
  };
  const Op torch_linear = [](const at::Tensor& x, const at::Tensor& w, const at::Tensor& b) {
    return at::linear(x, w, b);
  };
  const Op ours_deconv = [](const at::Tensor& x, const at::Tensor& w, const at::Tensor& b) {
    return polytrain::ops::tiled_conv_transpose2d(x, w, b);
  };
  const Op torch_deconv = [](const at::Tensor& x, const at::Tensor& w, const at::Tensor& b) {
    return at::conv_transpose2d(x, w, b, {2, 2});
  };

  std::printf("%-38s %10s %10s %6s %12s %12s %6s\n", "op", "eval ours", "libtorch", "ratio", "fwd+bwd ours",
              "libtorch", "ratio");
  for (const Shape& s : shapes) {
    const auto [eval_ours, train_ours] = time_op(s, s.transposed_conv ? ours_deconv : ours_linear, reps);
    const auto [eval_ref, train_ref] = time_op(s, s.transposed_conv ? torch_deconv : torch_linear, reps);
    std::printf("%-38s %8.1fms %8.1fms %6.2f %10.1fms %10.1fms %6.2f\n", s.name.c_str(), eval_ours, eval_ref,
                eval_ours / eval_ref, train_ours, train_ref, train_ours / train_ref);
  }
  return 0;
}
