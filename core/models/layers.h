// Building blocks shared by the backbones and heads: norms (frozen, batch, group), Conv2dNormActivation,
// activations. Child names follow torchvision (Sequential children "0", "1", "2").
#pragma once

#include <ATen/core/Tensor.h>
#include <torch/nn/module.h>
#include <torch/nn/modules/container/any.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/pimpl.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace polytrain::models {

enum class NormKind {
  Frozen, ///< torchvision.ops.FrozenBatchNorm2d: fixed statistics and affine (fine-tuning from pretrained weights)
  Batch,  ///< torch.nn.BatchNorm2d: trainable, for training from scratch
  Group,  ///< torch.nn.GroupNorm: trainable, batch-size independent
};

struct NormSpec {
  NormKind kind = NormKind::Frozen;
  /// torchvision's FrozenBatchNorm2d and BatchNorm2d default to 1e-5; torchvision sets 0 for its COCO Mask R-CNN
  /// weights.
  double eps = 1e-5;
  int64_t groups = 32; ///< GroupNorm only
};

/// torchvision.ops.misc.FrozenBatchNorm2d: buffers weight, bias, running_mean, running_var; y = x * scale + shift.
class FrozenBatchNorm2dImpl : public torch::nn::Module {
public:
  explicit FrozenBatchNorm2dImpl(int64_t num_features, double eps = 1e-5);
  at::Tensor forward(const at::Tensor& x);
  /// The per-channel scale and shift of y = x * scale + shift, each of shape [C].
  std::pair<at::Tensor, at::Tensor> scale_and_shift() const;
  double eps = 1e-5;
  at::Tensor weight, bias, running_mean, running_var;
};
TORCH_MODULE(FrozenBatchNorm2d);

/// norm(conv(x)). A FrozenBatchNorm2d is folded into the convolution (weights times its scale, its shift as the
/// bias), so the feature map is written once instead of three times; this changes the result only by rounding, and
/// gradients reach the convolution's weights as before. Other norms run after the convolution.
/// The convolution needs numeric padding (not kSame/kValid); with another padding mode than zeros it runs unfolded.
at::Tensor conv_then_norm(torch::nn::Conv2dImpl& conv, torch::nn::AnyModule& norm, const at::Tensor& x);

/// A convolution's numeric padding (throws for kSame/kValid).
std::vector<int64_t> conv_padding(const torch::nn::Conv2dImpl& conv);

/// A norm layer over `channels` as the spec says.
torch::nn::AnyModule make_norm(const NormSpec& spec, int64_t channels);

/// Sets the eps of every FrozenBatchNorm2d and BatchNorm2d in `module` (torchvision's overwrite_eps).
void overwrite_eps(torch::nn::Module& module, double eps);

enum class Activation { None, ReLU, Hardswish };

class HardswishImpl : public torch::nn::Module {
public:
  at::Tensor forward(const at::Tensor& x);
};
TORCH_MODULE(Hardswish);

/// torch.nn.ReLU(inplace=True): overwrites its input (unless it is a leaf that needs gradients), so only put it
/// right after the layer whose output it takes.
class ReLUInplaceImpl : public torch::nn::Module {
public:
  at::Tensor forward(const at::Tensor& x);
};
TORCH_MODULE(ReLUInplace);

struct ConvNormActOptions {
  int64_t in_channels = 0;
  int64_t out_channels = 0;
  int64_t kernel_size = 3;
  int64_t stride = 1;
  int64_t padding = -1; ///< -1: (kernel_size - 1) / 2 * dilation
  int64_t groups = 1;
  int64_t dilation = 1;
  bool use_norm = true; ///< false: conv with bias, no norm (torchvision's norm_layer=None)
  NormSpec norm;
  Activation activation = Activation::ReLU;
};

/// A Sequential with a plain Tensor -> Tensor forward, so it can sit in an AnyModule or a Sequential.
class TensorSequentialImpl : public torch::nn::SequentialImpl {
public:
  using torch::nn::SequentialImpl::SequentialImpl;
  at::Tensor forward(const at::Tensor& x) { return torch::nn::SequentialImpl::forward(x); }
};
TORCH_MODULE(TensorSequential);

/// torchvision.ops.misc.Conv2dNormActivation: Sequential(conv "0", [norm "1"], [activation]).
TensorSequential conv_norm_act(const ConvNormActOptions& options);

} // namespace polytrain::models
