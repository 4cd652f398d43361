#include "core/models/ssdlite.h"

#include "core/models/mobilenet_v2.h"
#include "core/models/mobilenet_v3.h"

#include <ATen/ATen.h>
#include <torch/nn/init.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/conv.h>

#include <algorithm>

namespace polytrain::models {
namespace {

const NormSpec kNorm{NormKind::Batch, 1e-3, 32};

/// torchvision's _extra_block: 1x1 to half the channels, 3x3 depthwise stride 2, 1x1 to out; ReLU6 after each.
TensorSequential extra_block(int64_t in, int64_t out) {
  const int64_t mid = out / 2;
  TensorSequential block;
  block->push_back("0", conv_norm_relu6(in, mid, 1, 1, 1, kNorm));
  block->push_back("1", conv_norm_relu6(mid, mid, 3, 2, mid, kNorm));
  block->push_back("2", conv_norm_relu6(mid, out, 1, 1, 1, kNorm));
  return block;
}

TensorSequential prediction_block(int64_t in, int64_t out) {
  TensorSequential block;
  block->push_back("0", conv_norm_relu6(in, in, 3, 1, in, kNorm));
  block->push_back("1", torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, 1)));
  return block;
}

struct Trunk {
  std::vector<torch::nn::AnyModule> layers;
  std::vector<bool> is_cn;
  std::vector<TensorSequential> inner; ///< per layer, the block's Sequential ("block" / "conv"); null for convs
  int64_t last_channels = 0;
};

Trunk mobilenet_v3_trunk(bool reduced_tail) {
  Trunk t;
  t.layers.emplace_back(conv_norm_act({3, 16, 3, 2, -1, 1, 1, true, kNorm, Activation::Hardswish}));
  t.is_cn.push_back(false);
  t.inner.emplace_back(nullptr);
  std::vector<InvertedResidualConfig> config = mobilenet_v3_large_config();
  if (reduced_tail) {
    // torchvision's _mobilenet_v3_conf(reduced_tail=True): the last stage at half width.
    const size_t n = config.size();
    config[n - 3].out_channels /= 2;
    for (size_t i = n - 2; i < n; ++i) {
      config[i].input_channels /= 2;
      config[i].expanded_channels /= 2;
      config[i].out_channels /= 2;
    }
  }
  for (const auto& cnf : config) {
    InvertedResidual block(cnf, kNorm);
    t.is_cn.push_back(block->is_cn);
    t.inner.push_back(block->block);
    t.layers.emplace_back(block);
  }
  const int64_t last_in = config.back().out_channels;
  t.last_channels = 6 * last_in;
  t.layers.emplace_back(conv_norm_act({last_in, t.last_channels, 1, 1, -1, 1, 1, true, kNorm, Activation::Hardswish}));
  t.is_cn.push_back(false);
  t.inner.emplace_back(nullptr);
  return t;
}

Trunk mobilenet_v2_trunk() {
  MobileNetV2Features f = mobilenet_v2_features(kNorm);
  Trunk t;
  t.is_cn = f.is_cn;
  t.last_channels = f.last_channels;
  for (auto& layer : f.layers) {
    if (auto* block = layer.ptr()->as<MobileNetV2InvertedResidualImpl>()) {
      t.inner.push_back(block->conv);
    } else {
      t.inner.emplace_back(nullptr);
    }
  }
  t.layers = std::move(f.layers);
  return t;
}

/// torchvision's stage indices: 0, every strided block, the last layer.
std::vector<size_t> stage_indices_of(const std::vector<bool>& is_cn) {
  std::vector<size_t> stages = {0};
  for (size_t i = 0; i < is_cn.size(); ++i) {
    if (is_cn[i]) {
      stages.push_back(i);
    }
  }
  stages.push_back(is_cn.size() - 1);
  return stages;
}

size_t c4_position(SSDLiteTrunk trunk) {
  return trunk == SSDLiteTrunk::MobileNetV3Large ? 13 : 14;
}

} // namespace

SSDLiteFeatureExtractorMobileNetImpl::SSDLiteFeatureExtractorMobileNetImpl(const SSDLiteBackboneOptions& options) {
  Trunk t =
      options.trunk == SSDLiteTrunk::MobileNetV3Large ? mobilenet_v3_trunk(options.reduced_tail) : mobilenet_v2_trunk();
  const std::vector<size_t> stages = stage_indices_of(t.is_cn);
  const auto num_stages = static_cast<int64_t>(stages.size());
  const int64_t trainable = options.trainable_layers;
  TORCH_CHECK(trainable >= -1 && trainable <= num_stages, "SSDlite: trainable layers must be in [0, ", num_stages,
              "], got ", trainable);
  if (trainable >= 0) {
    const size_t freeze_before = trainable == 0 ? t.layers.size() : stages[static_cast<size_t>(num_stages - trainable)];
    for (size_t i = 0; i < freeze_before; ++i) {
      for (auto& p : t.layers[i].ptr()->parameters()) {
        p.set_requires_grad(false);
      }
    }
  }
  const size_t c4 = stages[stages.size() - 2];
  TORCH_CHECK(c4 == c4_position(options.trunk), "SSDlite: unexpected C4 position ", c4);
  TORCH_CHECK(t.inner[c4], "SSDlite: C4 is not an inverted residual block");

  // features.0: the trunk up to C4 and C4's expansion layer; features.1: C4 from its depthwise conv on, then the
  // rest. The C4 block keeps its own child names ("1", "2", ...) as torchvision's Sequential slicing does.
  TensorSequential head_part;
  for (size_t i = 0; i < c4; ++i) {
    head_part->push_back(std::to_string(i), t.layers[i]);
  }
  TensorSequential c4_rest;
  const auto c4_children = t.inner[c4]->named_children();
  size_t k = 0;
  for (const auto& child : *t.inner[c4]) {
    if (k == 0) {
      head_part->push_back(std::to_string(c4), child);
    } else {
      c4_rest->push_back(c4_children[k].key(), child);
    }
    ++k;
  }
  TensorSequential tail_part;
  tail_part->push_back("0", c4_rest);
  for (size_t i = c4 + 1; i < t.layers.size(); ++i) {
    tail_part->push_back(std::to_string(i - c4), t.layers[i]);
  }
  stages_ = {head_part, tail_part};
  features = TensorSequential();
  features->push_back("0", head_part);
  features->push_back("1", tail_part);
  register_module("features", features);

  // C4's expansion width: the first child's conv.
  const auto* expansion = (*t.inner[c4])[0]->as<TensorSequentialImpl>();
  TORCH_CHECK(expansion != nullptr, "SSDlite: C4 expansion is not a Conv2dNormActivation");
  const int64_t c4_channels = (*expansion)[0]->as<torch::nn::Conv2dImpl>()->options.out_channels();

  extra_blocks_ = {extra_block(t.last_channels, 512), extra_block(512, 256), extra_block(256, 256),
                   extra_block(256, 128)};
  extra = torch::nn::ModuleList();
  for (auto& block : extra_blocks_) {
    extra->push_back(block);
  }
  register_module("extra", extra);
  out_channels_ = {c4_channels, t.last_channels, 512, 256, 256, 128};
}

std::vector<at::Tensor> SSDLiteFeatureExtractorMobileNetImpl::forward(const at::Tensor& input) {
  std::vector<at::Tensor> output;
  at::Tensor x = input;
  for (auto& stage : stages_) {
    x = stage->forward(x);
    output.push_back(x);
  }
  for (auto& block : extra_blocks_) {
    x = block->forward(x);
    output.push_back(x);
  }
  return output;
}

SSDHead make_ssdlite_head(const std::vector<int64_t>& in_channels, const std::vector<int64_t>& num_anchors,
                          int64_t num_classes) {
  TORCH_CHECK(in_channels.size() == num_anchors.size(), "SSDLiteHead: ", in_channels.size(), " levels but ",
              num_anchors.size(), " anchor counts");
  std::vector<torch::nn::AnyModule> cls;
  std::vector<torch::nn::AnyModule> reg;
  for (size_t i = 0; i < in_channels.size(); ++i) {
    cls.emplace_back(prediction_block(in_channels[i], num_classes * num_anchors[i]));
  }
  for (size_t i = 0; i < in_channels.size(); ++i) {
    reg.emplace_back(prediction_block(in_channels[i], 4 * num_anchors[i]));
  }
  return SSDHead(SSDScoringHead(std::move(cls), num_classes), SSDScoringHead(std::move(reg), 4));
}

void ssdlite_normal_init(torch::nn::Module& module) {
  for (const auto& m : module.modules(/*include_self=*/false)) {
    if (auto* c = m->as<torch::nn::Conv2dImpl>()) {
      torch::nn::init::normal_(c->weight, 0.0, 0.03);
      if (c->bias.defined()) {
        torch::nn::init::zeros_(c->bias);
      }
    }
  }
}

void ssdlite_norm_settings(torch::nn::Module& module) {
  for (const auto& m : module.modules(/*include_self=*/false)) {
    if (auto* bn = m->as<torch::nn::BatchNorm2dImpl>()) {
      bn->options.eps(1e-3);
      bn->options.momentum(0.03);
    }
  }
}

std::string ssdlite_key_from_classifier(SSDLiteTrunk trunk, const std::string& key) {
  const std::string prefix = "features.";
  if (key.rfind(prefix, 0) != 0) {
    return {};
  }
  const size_t dot = key.find('.', prefix.size());
  if (dot == std::string::npos) {
    return {};
  }
  const auto index = static_cast<size_t>(std::stoul(key.substr(prefix.size(), dot - prefix.size())));
  const std::string rest = key.substr(dot + 1);
  const size_t c4 = c4_position(trunk);
  if (index < c4) {
    return "backbone.features.0." + key.substr(prefix.size());
  }
  if (index > c4) {
    return "backbone.features.1." + std::to_string(index - c4) + "." + rest;
  }
  const std::string inner = trunk == SSDLiteTrunk::MobileNetV3Large ? "block." : "conv.";
  if (rest.rfind(inner, 0) != 0) {
    return {};
  }
  const std::string after = rest.substr(inner.size()); // "K.…"
  if (after.rfind("0.", 0) == 0) {
    return "backbone.features.0." + std::to_string(c4) + "." + after.substr(2);
  }
  return "backbone.features.1.0." + after;
}

} // namespace polytrain::models
