#include "core/models/layers.h"

#include <ATen/ATen.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/normalization.h>
#include <variant>

namespace polytrain::models {

FrozenBatchNorm2dImpl::FrozenBatchNorm2dImpl(int64_t num_features, double eps_) : eps(eps_) {
  weight = register_buffer("weight", at::ones({num_features}));
  bias = register_buffer("bias", at::zeros({num_features}));
  running_mean = register_buffer("running_mean", at::zeros({num_features}));
  running_var = register_buffer("running_var", at::ones({num_features}));
}

std::pair<at::Tensor, at::Tensor> FrozenBatchNorm2dImpl::scale_and_shift() const {
  const at::Tensor scale = weight * (running_var + eps).rsqrt();
  return {scale, bias - running_mean * scale};
}

std::vector<int64_t> conv_padding(const torch::nn::Conv2dImpl& conv) {
  // libtorch 1.13 keeps the padding in a c10::variant, 2.x in a std::variant: argument-dependent lookup finds the
  // right get.
  using std::get;
  const auto& padding = get<torch::ExpandingArray<2>>(conv.options.padding());
  return {padding->at(0), padding->at(1)};
}

at::Tensor conv_then_norm(torch::nn::Conv2dImpl& conv, torch::nn::AnyModule& norm, const at::Tensor& x) {
  auto* frozen = norm.ptr()->as<FrozenBatchNorm2dImpl>();
  using std::holds_alternative; // c10::variant in libtorch 1.13, std::variant in 2.x: found by argument-dependent
                                // lookup
  if (frozen == nullptr || !holds_alternative<torch::enumtype::kZeros>(conv.options.padding_mode()))
    return norm.forward(conv.forward(x));
  const auto [scale, shift] = frozen->scale_and_shift();
  const at::Tensor weight = conv.weight * scale.reshape({-1, 1, 1, 1});
  const at::Tensor bias = conv.bias.defined() ? conv.bias * scale + shift : shift;
  return at::conv2d(x, weight, bias, *conv.options.stride(), conv_padding(conv), *conv.options.dilation(),
                    conv.options.groups());
}

at::Tensor FrozenBatchNorm2dImpl::forward(const at::Tensor& x) {
  // Same operation order as torchvision (scale, shift, then x * scale + shift) so results agree to the last bit where
  // the backend allows; reshaping to [1, C, 1, 1] first or after changes no value.
  const auto [scale, shift] = scale_and_shift();
  return x * scale.reshape({1, -1, 1, 1}) + shift.reshape({1, -1, 1, 1});
}

torch::nn::AnyModule make_norm(const NormSpec& spec, int64_t channels) {
  switch (spec.kind) {
  case NormKind::Frozen:
    return torch::nn::AnyModule(FrozenBatchNorm2d(channels, spec.eps));
  case NormKind::Batch:
    return torch::nn::AnyModule(torch::nn::BatchNorm2d(torch::nn::BatchNorm2dOptions(channels).eps(spec.eps)));
  case NormKind::Group:
    TORCH_CHECK(channels % spec.groups == 0, "GroupNorm: ", channels, " channels are not divisible into ", spec.groups,
                " groups");
    return torch::nn::AnyModule(torch::nn::GroupNorm(torch::nn::GroupNormOptions(spec.groups, channels).eps(spec.eps)));
  }
  TORCH_CHECK(false, "make_norm: unknown norm kind");
}

void overwrite_eps(torch::nn::Module& module, double eps) {
  for (const auto& m : module.modules(/*include_self=*/false)) {
    if (auto* frozen = m->as<FrozenBatchNorm2dImpl>()) {
      frozen->eps = eps;
    } else if (auto* bn = m->as<torch::nn::BatchNorm2dImpl>()) {
      bn->options.eps(eps);
    }
  }
}

at::Tensor HardswishImpl::forward(const at::Tensor& x) {
  return at::hardswish(x);
}

at::Tensor ReLUInplaceImpl::forward(const at::Tensor& x) {
  if (x.is_leaf() && x.requires_grad()) {
    return at::relu(x); // autograd forbids changing a leaf that needs gradients
  }
  // In place, as torchvision's ReLU(inplace=True): one allocation and memory pass less per layer. Its input is
  // always the fresh output of the layer before it (a convolution or a norm, whose backward does not need it).
  at::Tensor y = x;
  return y.relu_();
}

TensorSequential conv_norm_act(const ConvNormActOptions& o) {
  const int64_t padding = o.padding >= 0 ? o.padding : (o.kernel_size - 1) / 2 * o.dilation;
  TensorSequential seq;
  seq->push_back("0", torch::nn::Conv2d(torch::nn::Conv2dOptions(o.in_channels, o.out_channels, o.kernel_size)
                                            .stride(o.stride)
                                            .padding(padding)
                                            .dilation(o.dilation)
                                            .groups(o.groups)
                                            .bias(!o.use_norm)));
  if (o.use_norm) {
    seq->push_back("1", make_norm(o.norm, o.out_channels));
  }
  torch::nn::AnyModule act;
  if (o.activation == Activation::ReLU) {
    act = torch::nn::AnyModule(ReLUInplace());
  } else if (o.activation == Activation::Hardswish) {
    act = torch::nn::AnyModule(Hardswish());
  }
  if (!act.is_empty()) {
    seq->push_back(std::string(o.use_norm ? "2" : "1"), std::move(act));
  }
  return seq;
}

} // namespace polytrain::models
