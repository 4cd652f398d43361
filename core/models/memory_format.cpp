#include "core/models/memory_format.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>
#include <torch/csrc/autograd/grad_mode.h>

namespace polytrain::models {
namespace {

void make_channels_last(at::Tensor& t) {
  if (t.defined() && t.dim() == 4 && !t.is_contiguous(at::MemoryFormat::ChannelsLast)) {
    t.set_data(t.contiguous(at::MemoryFormat::ChannelsLast));
  }
}

} // namespace

void use_channels_last(torch::nn::Module& module) {
  // Plain tensors even when called inside InferenceMode: the parameters are trained later.
  c10::InferenceMode not_inference(false);
  torch::NoGradGuard no_grad;
  for (at::Tensor& p : module.parameters(/*recurse=*/true)) {
    make_channels_last(p);
  }
  for (at::Tensor& b : module.buffers(/*recurse=*/true)) {
    make_channels_last(b);
  }
}

at::Tensor channels_last(const at::Tensor& x) {
  return x.dim() == 4 ? x.contiguous(at::MemoryFormat::ChannelsLast) : x;
}

} // namespace polytrain::models
