// VGG16's convolutional trunk as torchvision.models.vgg16 builds it (configuration "D", no batch norm), cut and
// extended as torchvision's SSDFeatureExtractorVGG does for SSD300: features up to conv4_3 with the L2-norm
// `scale_weight`, then extra.0 = conv5 + the dilated fc6/fc7 and extra.1..4 = conv8_2 .. conv11_2.
#pragma once

#include "core/models/layers.h"
#include "core/models/ssd_head.h"

#include <string>

namespace polytrain::models {

struct SSDVGGOptions {
  int64_t trainable_layers = 5; ///< 0..5 as torchvision's _vgg_extractor; -1: all
  bool highres = false;         ///< SSD512's extra conv12_2 block
};

class SSDFeatureExtractorVGGImpl : public SSDBackboneImpl {
public:
  explicit SSDFeatureExtractorVGGImpl(const SSDVGGOptions& options);
  std::vector<at::Tensor> forward(const at::Tensor& x) override;
  std::vector<int64_t> out_channels() const override;

  at::Tensor scale_weight; ///< [512], initialised to 20
  TensorSequential features{nullptr};
  torch::nn::ModuleList extra{nullptr};

private:
  std::vector<TensorSequential> extra_blocks_;
  bool highres_ = false;
};

/// Where a torchvision vgg16 classification state_dict entry goes in an SSD300 ("features.24.weight" ->
/// "backbone.extra.0.1.weight"); empty for entries SSD does not use (the classifier).
std::string ssd_vgg16_key_from_classifier(const std::string& key);

} // namespace polytrain::models
