#include "core/models/ssd_folded.h"

#include "core/models/layers.h"
#include "core/models/mobilenet_v2.h"
#include "core/models/mobilenet_v3.h"
#include "core/models/ssdlite.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>
#include <torch/csrc/autograd/grad_mode.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/conv.h>

#include <cstdint>
#include <variant>

namespace polytrain::models {
namespace {

/// Identity and version counter of every tensor the folded weights come from: an in-place change (optimizer step,
/// weight load, running statistics) bumps a version, a replaced tensor changes the identity.
std::vector<int64_t> versions_of(const torch::nn::Conv2dImpl& conv, const torch::nn::BatchNorm2dImpl& bn) {
  std::vector<int64_t> v;
  for (const at::Tensor* t : {&conv.weight, &conv.bias, &bn.weight, &bn.bias, &bn.running_mean, &bn.running_var}) {
    v.push_back(t->defined() ? reinterpret_cast<std::intptr_t>(t->unsafeGetTensorImpl()) : 0);
    v.push_back(t->defined() ? t->_version() : -1);
  }
  return v;
}

bool is_activation(const torch::nn::Module& m) {
  return m.as<ReLUInplaceImpl>() != nullptr || m.as<HardswishImpl>() != nullptr || m.as<ReLU6Impl>() != nullptr;
}

/// The activation applied in place: `x` is a fresh result of this block, used nowhere else.
void activate_(const torch::nn::Module& m, at::Tensor& x) {
  if (m.as<ReLUInplaceImpl>() != nullptr) {
    x.relu_();
  } else if (m.as<HardswishImpl>() != nullptr) {
    at::hardswish_(x);
  } else {
    at::hardtanh_(x, 0.0, 6.0);
  }
}

} // namespace

bool FoldedSSDLiteForward::supports(const SSDBackboneImpl& backbone) {
  return backbone.as<SSDLiteFeatureExtractorMobileNetImpl>() != nullptr;
}

const FoldedSSDLiteForward::Folded& FoldedSSDLiteForward::folded(torch::nn::Module& conv_module,
                                                                 torch::nn::Module& norm_module) {
  auto& conv = *conv_module.as<torch::nn::Conv2dImpl>();
  auto& bn = *norm_module.as<torch::nn::BatchNorm2dImpl>();
  std::vector<int64_t> versions = versions_of(conv, bn);
  std::lock_guard<std::mutex> lock(mutex_);
  Folded& f = cache_[&conv_module];
  if (f.versions != versions || !f.weight.defined() || f.weight.scalar_type() != conv.weight.scalar_type() ||
      f.weight.device() != conv.weight.device()) {
    // Plain tensors even when called inside InferenceMode, so they stay usable outside it.
    c10::InferenceMode not_inference(false);
    torch::NoGradGuard no_grad;
    const at::Tensor scale = bn.weight / at::sqrt(bn.running_var + bn.options.eps());
    f.weight = (conv.weight * scale.reshape({-1, 1, 1, 1})).contiguous(conv.weight.suggest_memory_format());
    const at::Tensor conv_bias = conv.bias.defined() ? conv.bias : at::zeros_like(bn.running_mean);
    f.bias = (conv_bias - bn.running_mean) * scale + bn.bias;
    f.versions = std::move(versions);
  }
  return f;
}

at::Tensor FoldedSSDLiteForward::run_sequential(torch::nn::Module& sequential, const at::Tensor& input) {
  const auto children = sequential.children();
  at::Tensor x = input;
  bool fresh = false; // x was produced inside this sequential (safe to modify in place)
  for (size_t i = 0; i < children.size(); ++i) {
    torch::nn::Module& m = *children[i];
    if (auto* conv = m.as<torch::nn::Conv2dImpl>()) {
      const bool has_norm = i + 1 < children.size() && children[i + 1]->as<torch::nn::BatchNorm2dImpl>() != nullptr &&
                            children[i + 1]->as<torch::nn::BatchNorm2dImpl>()->options.affine() &&
                            children[i + 1]->as<torch::nn::BatchNorm2dImpl>()->options.track_running_stats();
      const auto& o = conv->options;
      const std::vector<int64_t> stride = {o.stride()->at(0), o.stride()->at(1)};
      const std::vector<int64_t> dilation = {o.dilation()->at(0), o.dilation()->at(1)};
      if (has_norm) {
        const Folded& f = folded(m, *children[i + 1]);
        x = at::conv2d(x, f.weight, f.bias, stride, conv_padding(*conv), dilation, o.groups());
        ++i;
      } else {
        x = conv->forward(x);
      }
      fresh = true;
    } else if (is_activation(m) && fresh) {
      activate_(m, x);
    } else {
      x = run(m, x);
      fresh = true;
    }
  }
  return x;
}

at::Tensor FoldedSSDLiteForward::run(torch::nn::Module& m, const at::Tensor& x) {
  if (m.as<TensorSequentialImpl>() != nullptr) {
    return run_sequential(m, x);
  }
  if (auto* block = m.as<InvertedResidualImpl>()) {
    at::Tensor y = run_sequential(*block->block, x);
    return block->use_res_connect ? y.add_(x) : y;
  }
  if (auto* block = m.as<MobileNetV2InvertedResidualImpl>()) {
    at::Tensor y = run_sequential(*block->conv, x);
    return block->use_res_connect ? y.add_(x) : y;
  }
  if (auto* se = m.as<SqueezeExcitationImpl>()) {
    return se->forward(x);
  }
  if (auto* bn = m.as<torch::nn::BatchNorm2dImpl>()) {
    return bn->forward(x);
  }
  if (auto* relu = m.as<ReLUInplaceImpl>()) {
    return relu->forward(x);
  }
  if (auto* hs = m.as<HardswishImpl>()) {
    return hs->forward(x);
  }
  if (auto* r6 = m.as<ReLU6Impl>()) {
    return r6->forward(x);
  }
  TORCH_CHECK(false, "FoldedSSDLiteForward: unsupported module ", m.name());
}

std::vector<at::Tensor> FoldedSSDLiteForward::backbone(SSDBackboneImpl& backbone, const at::Tensor& input) {
  auto* lite = backbone.as<SSDLiteFeatureExtractorMobileNetImpl>();
  TORCH_CHECK(lite != nullptr, "FoldedSSDLiteForward: not an SSDlite backbone");
  std::vector<at::Tensor> output;
  at::Tensor x = input;
  for (const auto& stage : lite->features->children()) {
    x = run_sequential(*stage, x);
    output.push_back(x);
  }
  for (const auto& block : lite->extra->children()) {
    x = run_sequential(*block, x);
    output.push_back(x);
  }
  return output;
}

at::Tensor FoldedSSDLiteForward::scoring_head(torch::nn::Module& scoring_head, int64_t columns,
                                              const std::vector<at::Tensor>& features) {
  auto& head = *scoring_head.as<SSDScoringHeadImpl>();
  const auto blocks = head.module_list->children();
  TORCH_CHECK(blocks.size() == features.size(), "FoldedSSDLiteForward: ", features.size(), " feature maps for ",
              blocks.size(), " head blocks");
  std::vector<at::Tensor> all;
  for (size_t i = 0; i < features.size(); ++i) {
    const at::Tensor results = run_sequential(*blocks[i], features[i]);
    const int64_t n = results.size(0), h = results.size(2), w = results.size(3);
    all.push_back(results.view({n, -1, columns, h, w}).permute({0, 3, 4, 1, 2}).reshape({n, -1, columns}));
  }
  return at::cat(all, 1);
}

SSDHeadOutputs FoldedSSDLiteForward::head(SSDHeadImpl& head, const std::vector<at::Tensor>& features) {
  return {scoring_head(*head.regression_head, head.regression_head->num_columns, features),
          scoring_head(*head.classification_head, head.classification_head->num_columns, features)};
}

} // namespace polytrain::models
