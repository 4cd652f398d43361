// SSDlite as torchvision.models.detection.ssdlite builds it (0.14): the MobileNet feature extractor cut at the C4
// expansion layer (features.0 = trunk up to and including C4's expansion, features.1 = the rest) with four extra
// blocks, and SSDLiteHead's depthwise prediction blocks. BatchNorm2d(eps=0.001, momentum=0.03) throughout.
#pragma once

#include "core/models/layers.h"
#include "core/models/ssd_head.h"

#include <string>

namespace polytrain::models {

enum class SSDLiteTrunk {
  MobileNetV3Large, ///< torchvision's ssdlite320_mobilenet_v3_large
  MobileNetV2,      ///< the same construction on torchvision's mobilenet_v2 (C4 = features.14, 576 channels)
};

struct SSDLiteBackboneOptions {
  SSDLiteTrunk trunk = SSDLiteTrunk::MobileNetV3Large;
  /// MobileNetV3's reduced tail (last stage at half width): what torchvision builds without ImageNet backbone
  /// weights, and what its COCO SSDlite checkpoint has. ImageNet MobileNetV3 weights need false.
  bool reduced_tail = true;
  int64_t trainable_layers = -1; ///< 0..num_stages as torchvision's _mobilenet_extractor; -1: all
};

/// torchvision's SSDLiteFeatureExtractorMobileNet.
class SSDLiteFeatureExtractorMobileNetImpl : public SSDBackboneImpl {
public:
  explicit SSDLiteFeatureExtractorMobileNetImpl(const SSDLiteBackboneOptions& options);
  std::vector<at::Tensor> forward(const at::Tensor& x) override;
  std::vector<int64_t> out_channels() const override { return out_channels_; }

  TensorSequential features{nullptr}; ///< children "0" and "1"
  torch::nn::ModuleList extra{nullptr};

private:
  std::vector<TensorSequential> stages_;
  std::vector<TensorSequential> extra_blocks_;
  std::vector<int64_t> out_channels_;
};

/// SSDLiteHead: per level a 3x3 depthwise conv + BN + ReLU6 and a 1x1 projection, for classes and for boxes.
SSDHead make_ssdlite_head(const std::vector<int64_t>& in_channels, const std::vector<int64_t>& num_anchors,
                          int64_t num_classes);

/// torchvision's _normal_init: every convolution N(0, 0.03) with zero bias (SSDlite without pretrained weights).
void ssdlite_normal_init(torch::nn::Module& module);

/// Sets eps 0.001 and momentum 0.03 on every BatchNorm2d (torchvision's SSDlite norm_layer).
void ssdlite_norm_settings(torch::nn::Module& module);

/// Where a torchvision mobilenet_v3_large / mobilenet_v2 classification state_dict entry goes in the SSDlite model
/// ("features.13.block.1.0.weight" -> "backbone.features.1.0.1.0.weight"); empty for the classifier.
std::string ssdlite_key_from_classifier(SSDLiteTrunk trunk, const std::string& key);

} // namespace polytrain::models
