#include "core/models/mobilenet_v2.h"

#include <ATen/ATen.h>
#include <torch/nn/modules/conv.h>

#include <array>
#include <cmath>

namespace polytrain::models {

at::Tensor ReLU6Impl::forward(const at::Tensor& x) {
  return at::hardtanh(x, 0.0, 6.0);
}

TensorSequential conv_norm_relu6(int64_t in, int64_t out, int64_t kernel, int64_t stride, int64_t groups,
                                 const NormSpec& norm) {
  TensorSequential seq = conv_norm_act({in, out, kernel, stride, -1, groups, 1, true, norm, Activation::None});
  seq->push_back("2", ReLU6());
  return seq;
}

MobileNetV2InvertedResidualImpl::MobileNetV2InvertedResidualImpl(int64_t inp, int64_t oup, int64_t stride,
                                                                 int64_t expand_ratio, const NormSpec& norm) {
  TORCH_CHECK(stride == 1 || stride == 2, "MobileNetV2 InvertedResidual: stride should be 1 or 2, got ", stride);
  const auto hidden = static_cast<int64_t>(std::round(static_cast<double>(inp * expand_ratio)));
  use_res_connect = stride == 1 && inp == oup;
  is_cn = stride > 1;
  out_channels = oup;
  conv = TensorSequential();
  int64_t index = 0;
  if (expand_ratio != 1) {
    conv->push_back(std::to_string(index++), conv_norm_relu6(inp, hidden, 1, 1, 1, norm));
  }
  conv->push_back(std::to_string(index++), conv_norm_relu6(hidden, hidden, 3, stride, hidden, norm));
  conv->push_back(std::to_string(index++),
                  torch::nn::Conv2d(torch::nn::Conv2dOptions(hidden, oup, 1).stride(1).padding(0).bias(false)));
  conv->push_back(std::to_string(index++), make_norm(norm, oup));
  register_module("conv", conv);
}

at::Tensor MobileNetV2InvertedResidualImpl::forward(const at::Tensor& x) {
  if (use_res_connect) {
    return x + conv->forward(x);
  }
  return conv->forward(x);
}

MobileNetV2Features mobilenet_v2_features(const NormSpec& norm) {
  // t (expansion), c (channels), n (repeats), s (stride of the first), torchvision's inverted_residual_setting;
  // at width 1.0 every channel count is already a multiple of 8.
  const std::vector<std::array<int64_t, 4>> setting = {{1, 16, 1, 1}, {6, 24, 2, 2},  {6, 32, 3, 2}, {6, 64, 4, 2},
                                                       {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1}};
  MobileNetV2Features f;
  int64_t input_channel = 32;
  f.layers.emplace_back(conv_norm_relu6(3, input_channel, 3, 2, 1, norm));
  f.is_cn.push_back(false);
  for (const auto& [t, c, n, s] : setting) {
    for (int64_t i = 0; i < n; ++i) {
      MobileNetV2InvertedResidual block(input_channel, c, i == 0 ? s : 1, t, norm);
      f.is_cn.push_back(block->is_cn);
      f.layers.emplace_back(block);
      input_channel = c;
    }
  }
  f.layers.emplace_back(conv_norm_relu6(input_channel, f.last_channels, 1, 1, 1, norm));
  f.is_cn.push_back(false);
  return f;
}

} // namespace polytrain::models
