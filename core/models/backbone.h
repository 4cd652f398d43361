// Backbones with FPN as torchvision 0.14 builds them (backbone_utils.BackboneWithFPN, resnet_fpn_backbone,
// mobilenet_backbone) and the FeaturePyramidNetwork with the LastLevelMaxPool extra level.
#pragma once

#include "core/models/layers.h"
#include "core/ops/poolers.h"

#include <ATen/core/Tensor.h>
#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/pimpl.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace polytrain::models {

using ops::NamedFeature;
using FeatureList = std::vector<NamedFeature>;

/// A classification network cut at the returned layers (torchvision's IntermediateLayerGetter): its outputs are
/// named "0", "1", ... in order.
class FeatureExtractor : public torch::nn::Module {
public:
  virtual FeatureList extract(const at::Tensor& x) = 0;
  virtual std::vector<int64_t> out_channels() const = 0;
};

/// torchvision.ops.FeaturePyramidNetwork with LastLevelMaxPool: returns the input names plus "pool".
class FeaturePyramidNetworkImpl : public torch::nn::Module {
public:
  /// `norm`: torchvision's norm_layer (v2 models use BatchNorm2d); convolutions lose their bias when there is one.
  FeaturePyramidNetworkImpl(const std::vector<int64_t>& in_channels_list, int64_t out_channels,
                            bool last_level_max_pool = true, const NormSpec* norm = nullptr);
  FeatureList forward(const FeatureList& x);

  torch::nn::ModuleList inner_blocks{nullptr};
  torch::nn::ModuleList layer_blocks{nullptr};
  bool last_level_max_pool = true;
};
TORCH_MODULE(FeaturePyramidNetwork);

/// torchvision.models.detection.backbone_utils.BackboneWithFPN: children "body" and "fpn".
class BackboneWithFPNImpl : public torch::nn::Module {
public:
  BackboneWithFPNImpl(std::shared_ptr<FeatureExtractor> body, int64_t out_channels = 256, bool channels_last = false,
                      const NormSpec* fpn_norm = nullptr);
  FeatureList forward(const at::Tensor& x);

  std::shared_ptr<FeatureExtractor> body;
  FeaturePyramidNetwork fpn{nullptr};
  int64_t out_channels = 256;
  bool channels_last = false; ///< the input goes in with channels-last strides, so every feature map has them
};
TORCH_MODULE(BackboneWithFPN);

enum class BackboneKind { ResNet50, ResNet101, MobileNetV3Large };

struct BackboneOptions {
  BackboneKind kind = BackboneKind::ResNet50;
  NormSpec norm;
  /// ResNet: 0..5 (torchvision default 3); MobileNetV3: 0..6 (default 3). -1: all layers trainable.
  int64_t trainable_layers = 3;
  /// ResNet: subset of {1, 2, 3, 4}; MobileNetV3: stage indices in [0, 5]. Empty: torchvision's default.
  std::vector<int64_t> returned_layers;
  /// Run body and FPN on channels-last memory (see memory_format.h): faster for MobileNetV3, not for ResNet.
  bool channels_last = false;
  /// Normalisation in the FPN's convolutions (torchvision's BackboneWithFPN norm_layer); none when empty.
  std::optional<NormSpec> fpn_norm;
};

/// resnet_fpn_backbone / mobilenet_backbone(fpn=True) with LastLevelMaxPool, 256 output channels.
BackboneWithFPN make_backbone_with_fpn(const BackboneOptions& options);

/// Feature-map names the backbone returns (e.g. {"0", "1", "2", "3", "pool"}).
std::vector<std::string> backbone_feature_names(const BackboneOptions& options);

} // namespace polytrain::models
