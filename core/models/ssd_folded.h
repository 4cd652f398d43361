// Eval-mode forward of an SSDlite's backbone and heads with every Conv2d + BatchNorm2d pair folded into one
// convolution and the activations applied in place: the same function as the modules' own forward (up to rounding),
// about one memory pass less per layer. The folded weights are cached per convolution and rebuilt when any of its
// tensors changes (version counters), so training steps or weight loads in between are picked up.
#pragma once

#include "core/models/ssd_head.h"

#include <ATen/core/Tensor.h>
#include <torch/nn/module.h>

#include <mutex>
#include <unordered_map>
#include <vector>

namespace polytrain::models {

class FoldedSSDLiteForward {
public:
  /// True when `backbone` is an SSDlite extractor this class can run.
  static bool supports(const SSDBackboneImpl& backbone);

  /// Feature maps of the SSDlite backbone (eval mode, no gradients), as its forward returns them.
  std::vector<at::Tensor> backbone(SSDBackboneImpl& backbone, const at::Tensor& x);
  /// The SSDLiteHead outputs for those feature maps.
  SSDHeadOutputs head(SSDHeadImpl& head, const std::vector<at::Tensor>& features);

private:
  struct Folded {
    at::Tensor weight;
    at::Tensor bias;
    std::vector<int64_t> versions;
  };

  at::Tensor run(torch::nn::Module& module, const at::Tensor& x);
  at::Tensor run_sequential(torch::nn::Module& sequential, const at::Tensor& x);
  at::Tensor scoring_head(torch::nn::Module& scoring_head, int64_t columns, const std::vector<at::Tensor>& features);
  const Folded& folded(torch::nn::Module& conv, torch::nn::Module& norm);

  std::mutex mutex_;
  std::unordered_map<const torch::nn::Module*, Folded> cache_;
};

} // namespace polytrain::models
