#include "core/models/vgg.h"

#include <ATen/ATen.h>
#include <torch/nn/init.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/pooling.h>

#include <algorithm>

namespace polytrain::models {
namespace {

constexpr int64_t kPool = -1;

torch::nn::Conv2d conv(int64_t in, int64_t out, int64_t kernel, int64_t padding = 0, int64_t stride = 1,
                       int64_t dilation = 1) {
  return torch::nn::Conv2d(
      torch::nn::Conv2dOptions(in, out, kernel).padding(padding).stride(stride).dilation(dilation));
}

void xavier_init(torch::nn::Module& m) {
  for (const auto& child : m.modules(/*include_self=*/false)) {
    if (auto* c = child->as<torch::nn::Conv2dImpl>()) {
      torch::nn::init::xavier_uniform_(c->weight);
      torch::nn::init::zeros_(c->bias);
    }
  }
}

/// torchvision's vgg16().features: 13 3x3 convolutions with ReLU and 5 max-pools, kaiming-initialised.
std::vector<torch::nn::AnyModule> vgg16_features() {
  const std::vector<int64_t> cfg = {64,    64,  kPool, 128, 128,   kPool, 256, 256, 256,
                                    kPool, 512, 512,   512, kPool, 512,   512, 512, kPool};
  std::vector<torch::nn::AnyModule> layers;
  int64_t in = 3;
  for (const int64_t v : cfg) {
    if (v == kPool) {
      layers.emplace_back(torch::nn::MaxPool2d(torch::nn::MaxPool2dOptions(2).stride(2)));
      continue;
    }
    torch::nn::Conv2d c = conv(in, v, 3, 1);
    torch::nn::init::kaiming_normal_(c->weight, 0.0, torch::kFanOut, torch::kReLU);
    torch::nn::init::zeros_(c->bias);
    layers.emplace_back(c);
    layers.emplace_back(ReLUInplace());
    in = v;
  }
  return layers;
}

TensorSequential extra_block(int64_t in, int64_t mid, int64_t out, int64_t kernel, int64_t padding, int64_t stride) {
  TensorSequential block;
  block->push_back("0", conv(in, mid, 1));
  block->push_back("1", ReLUInplace());
  block->push_back("2", conv(mid, out, kernel, padding, stride));
  block->push_back("3", ReLUInplace());
  return block;
}

} // namespace

SSDFeatureExtractorVGGImpl::SSDFeatureExtractorVGGImpl(const SSDVGGOptions& options) : highres_(options.highres) {
  std::vector<torch::nn::AnyModule> backbone = vgg16_features();
  std::vector<size_t> pools;
  for (size_t i = 0; i < backbone.size(); ++i) {
    if (backbone[i].ptr()->as<torch::nn::MaxPool2dImpl>() != nullptr) {
      pools.push_back(i);
    }
  }
  // _vgg_extractor: stages start at 0 and at every max-pool but the last.
  std::vector<size_t> stage_indices = {0};
  stage_indices.insert(stage_indices.end(), pools.begin(), pools.end() - 1);
  const auto num_stages = static_cast<int64_t>(stage_indices.size());
  const int64_t trainable = options.trainable_layers;
  TORCH_CHECK(trainable >= -1 && trainable <= num_stages, "VGG16: trainable layers must be in [0, ", num_stages,
              "], got ", trainable);
  if (trainable >= 0) {
    const size_t freeze_before =
        trainable == 0 ? backbone.size() : stage_indices[static_cast<size_t>(num_stages - trainable)];
    for (size_t i = 0; i < freeze_before; ++i) {
      for (auto& p : backbone[i].ptr()->parameters()) {
        p.set_requires_grad(false);
      }
    }
  }
  // SSDFeatureExtractorVGG: maxpool3 in ceil mode gives the paper's 38x38 conv4_3 map at 300 px.
  const size_t maxpool3 = pools[2];
  const size_t maxpool4 = pools[3];
  backbone[maxpool3] =
      torch::nn::AnyModule(torch::nn::MaxPool2d(torch::nn::MaxPool2dOptions(2).stride(2).ceil_mode(true)));

  scale_weight = register_parameter("scale_weight", at::ones({512}) * 20);
  features = TensorSequential();
  for (size_t i = 0; i < maxpool4; ++i) {
    features->push_back(std::to_string(i), backbone[i]);
  }
  register_module("features", features);

  extra_blocks_.push_back(extra_block(1024, 256, 512, 3, 1, 2)); // conv8_2
  extra_blocks_.push_back(extra_block(512, 128, 256, 3, 1, 2));  // conv9_2
  extra_blocks_.push_back(extra_block(256, 128, 256, 3, 0, 1));  // conv10_2
  extra_blocks_.push_back(extra_block(256, 128, 256, 3, 0, 1));  // conv11_2
  if (highres_) {
    extra_blocks_.push_back(extra_block(256, 128, 256, 4, 0, 1)); // conv12_2
  }
  for (auto& block : extra_blocks_) {
    xavier_init(*block);
  }
  TensorSequential fc;
  fc->push_back("0", torch::nn::MaxPool2d(torch::nn::MaxPool2dOptions(3).stride(1).padding(1)));
  fc->push_back("1", conv(512, 1024, 3, 6, 1, 6)); // fc6, atrous
  fc->push_back("2", ReLUInplace());
  fc->push_back("3", conv(1024, 1024, 1)); // fc7
  fc->push_back("4", ReLUInplace());
  xavier_init(*fc);
  TensorSequential first;
  // until conv5_3, skipping maxpool5
  for (size_t i = maxpool4; i + 1 < backbone.size(); ++i) {
    first->push_back(std::to_string(i - maxpool4), backbone[i]);
  }
  first->push_back(std::to_string(backbone.size() - 1 - maxpool4), fc);
  extra_blocks_.insert(extra_blocks_.begin(), first);
  extra = torch::nn::ModuleList();
  for (auto& block : extra_blocks_) {
    extra->push_back(block);
  }
  register_module("extra", extra);
}

std::vector<at::Tensor> SSDFeatureExtractorVGGImpl::forward(const at::Tensor& input) {
  at::Tensor x = features->forward(input);
  // F.normalize(x): x / max(||x||_2 over channels, 1e-12), then the learned per-channel scale.
  const at::Tensor denom = x.norm(2, {1}, /*keepdim=*/true).clamp_min(1e-12).expand_as(x);
  std::vector<at::Tensor> output = {scale_weight.view({1, -1, 1, 1}) * (x / denom)};
  for (auto& block : extra_blocks_) {
    x = block->forward(x);
    output.push_back(x);
  }
  return output;
}

std::vector<int64_t> SSDFeatureExtractorVGGImpl::out_channels() const {
  std::vector<int64_t> channels = {512, 1024, 512, 256, 256, 256};
  if (highres_) {
    channels.push_back(256);
  }
  return channels;
}

std::string ssd_vgg16_key_from_classifier(const std::string& key) {
  const std::string prefix = "features.";
  if (key.rfind(prefix, 0) != 0) {
    return {};
  }
  const size_t dot = key.find('.', prefix.size());
  if (dot == std::string::npos) {
    return {};
  }
  const int index = std::stoi(key.substr(prefix.size(), dot - prefix.size()));
  const std::string rest = key.substr(dot);
  constexpr int kMaxPool4 = 23;
  if (index < kMaxPool4) {
    return "backbone.features." + std::to_string(index) + rest;
  }
  return "backbone.extra.0." + std::to_string(index - kMaxPool4) + rest;
}

} // namespace polytrain::models
