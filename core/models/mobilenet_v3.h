// MobileNetV3-Large feature trunk as torchvision.models.mobilenet_v3_large builds it (width 1.0, no reduced tail,
// no dilation), cut as torchvision's _mobilenet_extractor does: children "0".."16" named as in `features`.
#pragma once

#include "core/models/backbone.h"
#include "core/models/layers.h"

#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/modules/conv.h>

namespace polytrain::models {

class SqueezeExcitationImpl : public torch::nn::Module {
public:
  SqueezeExcitationImpl(int64_t input_channels, int64_t squeeze_channels);
  at::Tensor forward(const at::Tensor& x);
  torch::nn::Conv2d fc1{nullptr}, fc2{nullptr};
};
TORCH_MODULE(SqueezeExcitation);

struct InvertedResidualConfig {
  int64_t input_channels, kernel, expanded_channels, out_channels;
  bool use_se;
  bool use_hs;
  int64_t stride, dilation;
};

class InvertedResidualImpl : public torch::nn::Module {
public:
  InvertedResidualImpl(const InvertedResidualConfig& cnf, const NormSpec& norm);
  at::Tensor forward(const at::Tensor& x);
  TensorSequential block{nullptr};
  bool use_res_connect = false;
  bool is_cn = false; ///< strided block (start of a stage), torchvision's _is_cn
  int64_t out_channels = 0;
};
TORCH_MODULE(InvertedResidual);

/// The 15 bottleneck configurations of MobileNetV3-Large.
std::vector<InvertedResidualConfig> mobilenet_v3_large_config();

struct MobileNetV3BodyOptions {
  NormSpec norm;
  int64_t trainable_layers = 3;         ///< 0..6 as torchvision's _mobilenet_extractor; -1: all
  std::vector<int64_t> returned_layers; ///< stage indices; empty: {num_stages - 2, num_stages - 1}
};

class MobileNetV3Body : public FeatureExtractor {
public:
  explicit MobileNetV3Body(const MobileNetV3BodyOptions& options);
  FeatureList extract(const at::Tensor& x) override;
  std::vector<int64_t> out_channels() const override { return out_channels_; }

private:
  std::vector<torch::nn::AnyModule> features_;
  std::vector<int64_t> return_index_; ///< feature index -> output name position, -1 when not returned
  std::vector<int64_t> out_channels_;
  size_t last_ = 0;
};

} // namespace polytrain::models
