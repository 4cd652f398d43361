// MobileNetV2's feature trunk as torchvision.models.mobilenet_v2 builds it (width 1.0): `features` children
// "0".."18", inverted residual blocks with their `conv` Sequential, so ImageNet MobileNetV2 weights import.
#pragma once

#include "core/models/layers.h"

#include <torch/nn/modules/container/any.h>

#include <vector>

namespace polytrain::models {

/// torch.nn.ReLU6 (min(max(x, 0), 6)).
class ReLU6Impl : public torch::nn::Module {
public:
  at::Tensor forward(const at::Tensor& x);
};
TORCH_MODULE(ReLU6);

/// torchvision's Conv2dNormActivation with activation_layer=nn.ReLU6 (conv "0", norm "1", ReLU6 "2").
TensorSequential conv_norm_relu6(int64_t in, int64_t out, int64_t kernel, int64_t stride, int64_t groups,
                                 const NormSpec& norm);

class MobileNetV2InvertedResidualImpl : public torch::nn::Module {
public:
  MobileNetV2InvertedResidualImpl(int64_t inp, int64_t oup, int64_t stride, int64_t expand_ratio, const NormSpec& norm);
  at::Tensor forward(const at::Tensor& x);

  TensorSequential conv{nullptr}; ///< [pw "0"], dw, pw-linear conv, norm
  bool use_res_connect = false;
  bool is_cn = false; ///< strided block, torchvision's _is_cn
  int64_t out_channels = 0;
};
TORCH_MODULE(MobileNetV2InvertedResidual);

struct MobileNetV2Features {
  std::vector<torch::nn::AnyModule> layers; ///< torchvision's `features`: conv, 17 blocks, final 1x1 conv
  std::vector<bool> is_cn;
  int64_t last_channels = 1280;
};

/// torchvision's mobilenet_v2().features with the given norm.
MobileNetV2Features mobilenet_v2_features(const NormSpec& norm);

} // namespace polytrain::models
