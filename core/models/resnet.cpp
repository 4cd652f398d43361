#include "core/models/resnet.h"

#include <ATen/ATen.h>
#include <torch/nn/init.h>

#include <algorithm>

namespace polytrain::models {
namespace {

torch::nn::Conv2d conv(int64_t in, int64_t out, int64_t k, int64_t stride, int64_t padding) {
  torch::nn::Conv2d c(torch::nn::Conv2dOptions(in, out, k).stride(stride).padding(padding).bias(false));
  torch::nn::init::kaiming_normal_(c->weight, 0.0, torch::kFanOut, torch::kReLU);
  return c;
}

} // namespace

BottleneckImpl::BottleneckImpl(int64_t inplanes, int64_t planes, int64_t stride, bool with_downsample,
                               const NormSpec& norm) {
  conv1 = register_module("conv1", conv(inplanes, planes, 1, 1, 0));
  bn1 = make_norm(norm, planes);
  register_module("bn1", bn1.ptr());
  conv2 = register_module("conv2", conv(planes, planes, 3, stride, 1));
  bn2 = make_norm(norm, planes);
  register_module("bn2", bn2.ptr());
  conv3 = register_module("conv3", conv(planes, planes * expansion, 1, 1, 0));
  bn3 = make_norm(norm, planes * expansion);
  register_module("bn3", bn3.ptr());
  if (with_downsample) {
    downsample = torch::nn::Sequential();
    downsample_conv = conv(inplanes, planes * expansion, 1, stride, 0);
    downsample->push_back("0", downsample_conv);
    downsample_norm = make_norm(norm, planes * expansion);
    downsample->push_back("1", downsample_norm);
    register_module("downsample", downsample);
  }
}

at::Tensor BottleneckImpl::forward(const at::Tensor& x) {
  // In-place ReLUs as torchvision's ReLU(inplace=True): a norm's or convolution's backward does not need its output.
  at::Tensor out = conv_then_norm(*conv1, bn1, x).relu_();
  out = conv_then_norm(*conv2, bn2, out).relu_();
  out = conv_then_norm(*conv3, bn3, out);
  const at::Tensor identity = downsample ? conv_then_norm(*downsample_conv, downsample_norm, x) : x;
  out += identity;
  return at::relu_(out);
}

ResNetBody::ResNetBody(const ResNetBodyOptions& options) : options_(options) {
  TORCH_CHECK(options.depth == 50 || options.depth == 101, "ResNet: depth must be 50 or 101, got ", options.depth);
  TORCH_CHECK(!options.returned_layers.empty(), "ResNet: returned_layers is empty");
  for (const int64_t l : options.returned_layers) {
    TORCH_CHECK(l >= 1 && l <= 4, "ResNet: returned layers must be in [1, 4], got ", l);
  }
  TORCH_CHECK(options.trainable_layers >= -1 && options.trainable_layers <= 5,
              "ResNet: trainable layers must be in [0, 5], got ", options.trainable_layers);
  const std::vector<int64_t> blocks =
      options.depth == 50 ? std::vector<int64_t>{3, 4, 6, 3} : std::vector<int64_t>{3, 4, 23, 3};
  conv1_ = register_module("conv1", conv(3, 64, 7, 2, 3));
  bn1_ = make_norm(options.norm, 64);
  register_module("bn1", bn1_.ptr());
  const int64_t last = *std::max_element(options.returned_layers.begin(), options.returned_layers.end());
  int64_t inplanes = 64;
  for (int64_t i = 0; i < last; ++i) {
    const int64_t planes = 64 << i;
    const int64_t stride = i == 0 ? 1 : 2;
    torch::nn::Sequential layer;
    for (int64_t b = 0; b < blocks[static_cast<size_t>(i)]; ++b) {
      const bool ds = b == 0 && (stride != 1 || inplanes != planes * BottleneckImpl::expansion);
      layer->push_back(std::to_string(b), Bottleneck(inplanes, planes, b == 0 ? stride : 1, ds, options.norm));
      inplanes = planes * BottleneckImpl::expansion;
    }
    layers_.push_back(register_module("layer" + std::to_string(i + 1), layer));
  }
  // torchvision's _resnet_fpn_extractor: only the last `trainable_layers` stages (and conv1/bn1 at 5) train.
  if (options.trainable_layers >= 0) {
    std::vector<std::string> train = {"layer4", "layer3", "layer2", "layer1", "conv1"};
    train.resize(static_cast<size_t>(options.trainable_layers));
    if (options.trainable_layers == 5) {
      train.emplace_back("bn1");
    }
    for (auto& p : named_parameters()) {
      const bool trains =
          std::any_of(train.begin(), train.end(), [&](const std::string& t) { return p.key().rfind(t, 0) == 0; });
      if (!trains) {
        p.value().set_requires_grad(false);
      }
    }
  }
}

FeatureList ResNetBody::extract(const at::Tensor& x) {
  at::Tensor y = conv_then_norm(*conv1_, bn1_, x).relu_();
  y = at::max_pool2d(y, {3, 3}, {2, 2}, {1, 1});
  FeatureList out;
  for (size_t i = 0; i < layers_.size(); ++i) {
    y = layers_[i]->forward(y);
    const int64_t layer = static_cast<int64_t>(i) + 1;
    const auto& r = options_.returned_layers;
    const auto it = std::find(r.begin(), r.end(), layer);
    if (it != r.end()) {
      out.emplace_back(std::to_string(it - r.begin()), y);
    }
  }
  return out;
}

std::vector<int64_t> ResNetBody::out_channels() const {
  std::vector<int64_t> c;
  for (const int64_t l : options_.returned_layers) {
    c.push_back(256LL << (l - 1));
  }
  return c;
}

} // namespace polytrain::models
