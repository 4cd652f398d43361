// ResNet-50/101 trunk as torchvision.models.resnet builds it (v1.5: stride in the 3x3 conv), cut after layer4
// (no avgpool/fc), with torchvision's module names (conv1, bn1, layer1.0.conv1, layer1.0.downsample.0, ...).
#pragma once

#include "core/models/backbone.h"
#include "core/models/layers.h"

#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/modules/conv.h>

namespace polytrain::models {

class BottleneckImpl : public torch::nn::Module {
public:
  static constexpr int64_t expansion = 4;
  BottleneckImpl(int64_t inplanes, int64_t planes, int64_t stride, bool downsample, const NormSpec& norm);
  at::Tensor forward(const at::Tensor& x);

  torch::nn::Conv2d conv1{nullptr}, conv2{nullptr}, conv3{nullptr};
  torch::nn::AnyModule bn1, bn2, bn3;
  torch::nn::Sequential downsample{nullptr};
  torch::nn::Conv2d downsample_conv{nullptr}; ///< downsample's child "0", kept typed for conv_then_norm
  torch::nn::AnyModule downsample_norm;       ///< downsample's child "1"
};
TORCH_MODULE(Bottleneck);

struct ResNetBodyOptions {
  int64_t depth = 50; ///< 50 or 101
  NormSpec norm;
  int64_t trainable_layers = 3; ///< 0..5 as torchvision's _resnet_fpn_extractor; -1: all
  std::vector<int64_t> returned_layers = {1, 2, 3, 4};
};

class ResNetBody : public FeatureExtractor {
public:
  explicit ResNetBody(const ResNetBodyOptions& options);
  FeatureList extract(const at::Tensor& x) override;
  std::vector<int64_t> out_channels() const override;

private:
  ResNetBodyOptions options_;
  torch::nn::Conv2d conv1_{nullptr};
  torch::nn::AnyModule bn1_;
  std::vector<torch::nn::Sequential> layers_;
};

} // namespace polytrain::models
