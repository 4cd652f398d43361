// Channels-last (NHWC) memory for the convolution-heavy parts of a model. oneDNN's depthwise and 1x1 convolutions
// run faster on it on this CPU: torchvision's own SSDlite320-MobileNetV3 body trains in 0.70x and evaluates in 0.80x
// of the contiguous time with 2 threads, its MobileNetV3-FPN backbone in 0.77x / 0.81x, while ResNet-50-FPN gains
// nothing (0.96x train, 1.08x eval); our SSD300-VGG16 takes 0.89x for both. Only strides change, never values.
#pragma once

#include <ATen/core/Tensor.h>
#include <torch/nn/module.h>

namespace polytrain::models {

/// Gives every 4-D parameter and buffer of `module` channels-last strides, in place (the same tensors, so optimisers
/// and references keep working). Cheap when they already have them. Not for use while another thread runs the
/// module.
void use_channels_last(torch::nn::Module& module);

/// `x` with channels-last strides when it is 4-D, else `x` itself.
at::Tensor channels_last(const at::Tensor& x);

} // namespace polytrain::models
