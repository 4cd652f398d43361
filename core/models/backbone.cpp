#include "core/models/backbone.h"

#include "core/models/memory_format.h"
#include "core/models/mobilenet_v3.h"
#include "core/models/resnet.h"

#include <ATen/ATen.h>
#include <torch/nn/init.h>
#include <torch/nn/modules/conv.h>

#include <cmath>

namespace polytrain::models {

FeaturePyramidNetworkImpl::FeaturePyramidNetworkImpl(const std::vector<int64_t>& in_channels_list, int64_t out_channels,
                                                     bool last_level_max_pool_, const NormSpec* norm)
    : last_level_max_pool(last_level_max_pool_) {
  inner_blocks = register_module("inner_blocks", torch::nn::ModuleList());
  layer_blocks = register_module("layer_blocks", torch::nn::ModuleList());
  for (const int64_t in : in_channels_list) {
    TORCH_CHECK(in > 0, "FeaturePyramidNetwork: in_channels=0 is not supported");
    const bool use_norm = norm != nullptr;
    const NormSpec spec = use_norm ? *norm : NormSpec{};
    ConvNormActOptions inner{in, out_channels, 1, 1, 0, 1, 1, use_norm, spec, Activation::None};
    ConvNormActOptions layer{out_channels, out_channels, 3, 1, -1, 1, 1, use_norm, spec, Activation::None};
    inner_blocks->push_back(conv_norm_act(inner));
    layer_blocks->push_back(conv_norm_act(layer));
  }
  for (const auto& m : modules(/*include_self=*/false)) {
    if (auto* c = m->as<torch::nn::Conv2dImpl>()) {
      torch::nn::init::kaiming_uniform_(c->weight, 1.0);
      if (c->bias.defined())
        torch::nn::init::zeros_(c->bias);
    }
  }
}

FeatureList FeaturePyramidNetworkImpl::forward(const FeatureList& x) {
  const auto n = static_cast<int64_t>(x.size());
  TORCH_CHECK(n == static_cast<int64_t>(inner_blocks->size()), "FeaturePyramidNetwork: got ", n, " feature maps for ",
              inner_blocks->size(), " levels");
  const auto inner = [&](int64_t i, const at::Tensor& t) {
    return inner_blocks[static_cast<size_t>(i)]->as<TensorSequentialImpl>()->forward(t);
  };
  const auto layer = [&](int64_t i, const at::Tensor& t) {
    return layer_blocks[static_cast<size_t>(i)]->as<TensorSequentialImpl>()->forward(t);
  };
  std::vector<at::Tensor> results(static_cast<size_t>(n));
  at::Tensor last_inner = inner(n - 1, x.back().second);
  results[static_cast<size_t>(n - 1)] = layer(n - 1, last_inner);
  for (int64_t idx = n - 2; idx >= 0; --idx) {
    const at::Tensor lateral = inner(idx, x[static_cast<size_t>(idx)].second);
    const at::Tensor top_down =
        at::upsample_nearest2d(last_inner, {lateral.size(-2), lateral.size(-1)}, c10::nullopt, c10::nullopt);
    last_inner = lateral + top_down;
    results[static_cast<size_t>(idx)] = layer(idx, last_inner);
  }
  FeatureList out;
  for (int64_t i = 0; i < n; ++i) {
    out.emplace_back(x[static_cast<size_t>(i)].first, results[static_cast<size_t>(i)]);
  }
  if (last_level_max_pool) {
    out.emplace_back("pool", at::max_pool2d(out.back().second, {1, 1}, {2, 2}, {0, 0}));
  }
  return out;
}

BackboneWithFPNImpl::BackboneWithFPNImpl(std::shared_ptr<FeatureExtractor> body_, int64_t out_channels_,
                                         bool channels_last_, const NormSpec* fpn_norm)
    : body(std::move(body_)), out_channels(out_channels_), channels_last(channels_last_) {
  register_module("body", body);
  fpn = register_module("fpn", FeaturePyramidNetwork(body->out_channels(), out_channels, true, fpn_norm));
}

FeatureList BackboneWithFPNImpl::forward(const at::Tensor& x) {
  return fpn->forward(body->extract(channels_last ? models::channels_last(x) : x));
}

BackboneWithFPN make_backbone_with_fpn(const BackboneOptions& options) {
  if (options.kind == BackboneKind::MobileNetV3Large) {
    MobileNetV3BodyOptions o;
    o.norm = options.norm;
    o.trainable_layers = options.trainable_layers;
    o.returned_layers = options.returned_layers;
    return BackboneWithFPN(std::make_shared<MobileNetV3Body>(o), 256, options.channels_last,
                           options.fpn_norm ? &*options.fpn_norm : nullptr);
  }
  ResNetBodyOptions o;
  o.depth = options.kind == BackboneKind::ResNet101 ? 101 : 50;
  o.norm = options.norm;
  o.trainable_layers = options.trainable_layers;
  if (!options.returned_layers.empty()) {
    o.returned_layers = options.returned_layers;
  }
  return BackboneWithFPN(std::make_shared<ResNetBody>(o), 256, options.channels_last,
                         options.fpn_norm ? &*options.fpn_norm : nullptr);
}

std::vector<std::string> backbone_feature_names(const BackboneOptions& options) {
  size_t n = options.returned_layers.size();
  if (n == 0) {
    n = options.kind == BackboneKind::MobileNetV3Large ? 2 : 4;
  }
  std::vector<std::string> names;
  for (size_t i = 0; i < n; ++i) {
    names.push_back(std::to_string(i));
  }
  names.emplace_back("pool");
  return names;
}

} // namespace polytrain::models
