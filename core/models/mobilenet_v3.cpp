#include "core/models/mobilenet_v3.h"

#include <ATen/ATen.h>
#include <torch/nn/init.h>

#include <algorithm>

namespace polytrain::models {
namespace {

int64_t make_divisible(double v, int64_t divisor) {
  int64_t new_v = std::max(divisor, static_cast<int64_t>(v + divisor / 2.0) / divisor * divisor);
  if (static_cast<double>(new_v) < 0.9 * v) {
    new_v += divisor;
  }
  return new_v;
}

void init_mobilenet(torch::nn::Module& m) {
  for (const auto& child : m.modules(/*include_self=*/false)) {
    if (auto* c = child->as<torch::nn::Conv2dImpl>()) {
      torch::nn::init::kaiming_normal_(c->weight, 0.0, torch::kFanOut);
      if (c->bias.defined()) {
        torch::nn::init::zeros_(c->bias);
      }
    }
  }
}

} // namespace

SqueezeExcitationImpl::SqueezeExcitationImpl(int64_t input_channels, int64_t squeeze_channels) {
  fc1 = register_module("fc1", torch::nn::Conv2d(torch::nn::Conv2dOptions(input_channels, squeeze_channels, 1)));
  fc2 = register_module("fc2", torch::nn::Conv2d(torch::nn::Conv2dOptions(squeeze_channels, input_channels, 1)));
}

at::Tensor SqueezeExcitationImpl::forward(const at::Tensor& x) {
  at::Tensor scale = at::adaptive_avg_pool2d(x, {1, 1});
  scale = fc2->forward(at::relu(fc1->forward(scale)));
  return at::hardsigmoid(scale) * x;
}

InvertedResidualImpl::InvertedResidualImpl(const InvertedResidualConfig& cnf, const NormSpec& norm) {
  TORCH_CHECK(cnf.stride == 1 || cnf.stride == 2, "InvertedResidual: illegal stride ", cnf.stride);
  use_res_connect = cnf.stride == 1 && cnf.input_channels == cnf.out_channels;
  is_cn = cnf.stride > 1;
  out_channels = cnf.out_channels;
  const Activation act = cnf.use_hs ? Activation::Hardswish : Activation::ReLU;
  block = TensorSequential();
  int64_t index = 0;
  if (cnf.expanded_channels != cnf.input_channels) {
    block->push_back(std::to_string(index++),
                     conv_norm_act({cnf.input_channels, cnf.expanded_channels, 1, 1, -1, 1, 1, true, norm, act}));
  }
  const int64_t stride = cnf.dilation > 1 ? 1 : cnf.stride;
  block->push_back(std::to_string(index++),
                   conv_norm_act({cnf.expanded_channels, cnf.expanded_channels, cnf.kernel, stride, -1,
                                  cnf.expanded_channels, cnf.dilation, true, norm, act}));
  if (cnf.use_se) {
    block->push_back(std::to_string(index++),
                     SqueezeExcitation(cnf.expanded_channels, make_divisible(cnf.expanded_channels / 4.0, 8)));
  }
  block->push_back(std::to_string(index++), conv_norm_act({cnf.expanded_channels, cnf.out_channels, 1, 1, -1, 1, 1,
                                                           true, norm, Activation::None}));
  register_module("block", block);
}

at::Tensor InvertedResidualImpl::forward(const at::Tensor& x) {
  at::Tensor result = block->forward(x);
  if (use_res_connect) {
    result += x;
  }
  return result;
}

std::vector<InvertedResidualConfig> mobilenet_v3_large_config() {
  // (input, kernel, expanded, out, use_se, use_hs, stride, dilation), torchvision's _mobilenet_v3_conf.
  return {
      {16, 3, 16, 16, false, false, 1, 1},  {16, 3, 64, 24, false, false, 2, 1},  {24, 3, 72, 24, false, false, 1, 1},
      {24, 5, 72, 40, true, false, 2, 1},   {40, 5, 120, 40, true, false, 1, 1},  {40, 5, 120, 40, true, false, 1, 1},
      {40, 3, 240, 80, false, true, 2, 1},  {80, 3, 200, 80, false, true, 1, 1},  {80, 3, 184, 80, false, true, 1, 1},
      {80, 3, 184, 80, false, true, 1, 1},  {80, 3, 480, 112, true, true, 1, 1},  {112, 3, 672, 112, true, true, 1, 1},
      {112, 5, 672, 160, true, true, 2, 1}, {160, 5, 960, 160, true, true, 1, 1}, {160, 5, 960, 160, true, true, 1, 1},
  };
}

MobileNetV3Body::MobileNetV3Body(const MobileNetV3BodyOptions& options) {
  std::vector<int64_t> channels;
  std::vector<bool> is_cn;
  const auto add = [&](torch::nn::AnyModule m, int64_t out, bool cn) {
    features_.push_back(std::move(m));
    channels.push_back(out);
    is_cn.push_back(cn);
  };
  add(torch::nn::AnyModule(conv_norm_act({3, 16, 3, 2, -1, 1, 1, true, options.norm, Activation::Hardswish})), 16,
      false);
  for (const auto& cnf : mobilenet_v3_large_config()) {
    InvertedResidual block(cnf, options.norm);
    const bool cn = block->is_cn;
    add(torch::nn::AnyModule(block), cnf.out_channels, cn);
  }
  add(torch::nn::AnyModule(conv_norm_act({160, 960, 1, 1, -1, 1, 1, true, options.norm, Activation::Hardswish})), 960,
      false);

  std::vector<int64_t> stage_indices = {0};
  for (size_t i = 0; i < is_cn.size(); ++i) {
    if (is_cn[i]) {
      stage_indices.push_back(static_cast<int64_t>(i));
    }
  }
  stage_indices.push_back(static_cast<int64_t>(features_.size()) - 1);
  const auto num_stages = static_cast<int64_t>(stage_indices.size());

  const int64_t trainable = options.trainable_layers;
  TORCH_CHECK(trainable >= -1 && trainable <= num_stages, "MobileNetV3: trainable layers must be in [0, ", num_stages,
              "], got ", trainable);
  if (trainable >= 0) {
    const int64_t freeze_before = trainable == 0 ? static_cast<int64_t>(features_.size())
                                                 : stage_indices[static_cast<size_t>(num_stages - trainable)];
    for (int64_t i = 0; i < freeze_before; ++i) {
      for (auto& p : features_[static_cast<size_t>(i)].ptr()->parameters()) {
        p.set_requires_grad(false);
      }
    }
  }

  std::vector<int64_t> returned = options.returned_layers;
  if (returned.empty()) {
    returned = {num_stages - 2, num_stages - 1};
  }
  return_index_.assign(features_.size(), -1);
  for (size_t v = 0; v < returned.size(); ++v) {
    const int64_t k = returned[v];
    TORCH_CHECK(k >= 0 && k < num_stages, "MobileNetV3: returned layers must be in [0, ", num_stages - 1, "], got ", k);
    const auto idx = static_cast<size_t>(stage_indices[static_cast<size_t>(k)]);
    return_index_[idx] = static_cast<int64_t>(v);
    last_ = std::max(last_, idx);
  }
  // IntermediateLayerGetter keeps the modules up to the last returned one.
  features_.resize(last_ + 1);
  for (size_t i = 0; i < features_.size(); ++i) {
    register_module(std::to_string(i), features_[i].ptr());
  }
  init_mobilenet(*this);
  // Output order is module order, as IntermediateLayerGetter; channels listed in that order too.
  for (size_t i = 0; i < features_.size(); ++i) {
    if (return_index_[static_cast<size_t>(i)] >= 0) {
      out_channels_.push_back(channels[i]);
    }
  }
}

FeatureList MobileNetV3Body::extract(const at::Tensor& x) {
  FeatureList out;
  at::Tensor y = x;
  for (size_t i = 0; i <= last_; ++i) {
    y = features_[i].forward(y);
    if (return_index_[i] >= 0) {
      out.emplace_back(std::to_string(return_index_[i]), y);
    }
  }
  return out;
}

} // namespace polytrain::models
