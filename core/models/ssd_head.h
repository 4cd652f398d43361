// The parts every SSD shares, mirroring torchvision.models.detection.ssd (0.14): the backbone interface (feature
// maps in order, torchvision's OrderedDict "0", "1", ...), SSDScoringHead with its `module_list`, and SSDHead
// (classification_head, regression_head) with the plain 3x3-conv predictors of SSD300.
#pragma once

#include <ATen/core/Tensor.h>
#include <torch/nn/module.h>
#include <torch/nn/modules/container/any.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/pimpl.h>

#include <cstdint>
#include <vector>

namespace polytrain::models {

/// An SSD feature extractor: the feature maps the heads read, in level order.
class SSDBackboneImpl : public torch::nn::Module {
public:
  virtual std::vector<at::Tensor> forward(const at::Tensor& x) = 0;
  /// Channels of each returned feature map.
  virtual std::vector<int64_t> out_channels() const = 0;
};

/// torchvision's SSDScoringHead: one block per level; outputs [N, sum_l H_l * W_l * A_l, num_columns].
class SSDScoringHeadImpl : public torch::nn::Module {
public:
  SSDScoringHeadImpl(std::vector<torch::nn::AnyModule> blocks, int64_t num_columns);
  at::Tensor forward(const std::vector<at::Tensor>& features);

  torch::nn::ModuleList module_list{nullptr};
  int64_t num_columns = 0;

private:
  std::vector<torch::nn::AnyModule> blocks_;
};
TORCH_MODULE(SSDScoringHead);

struct SSDHeadOutputs {
  at::Tensor bbox_regression; ///< [N, A, 4]
  at::Tensor cls_logits;      ///< [N, A, K]
};

/// torchvision's SSDHead and SSDLiteHead: classification_head then regression_head (state_dict order).
class SSDHeadImpl : public torch::nn::Module {
public:
  SSDHeadImpl(SSDScoringHead classification, SSDScoringHead regression);
  SSDHeadOutputs forward(const std::vector<at::Tensor>& features);

  SSDScoringHead classification_head{nullptr};
  SSDScoringHead regression_head{nullptr};
};
TORCH_MODULE(SSDHead);

/// SSD300's head (ssd.py SSDHead): a 3x3 convolution per level for the classes and one for the boxes,
/// xavier-uniform weights and zero biases.
SSDHead make_ssd_head(const std::vector<int64_t>& in_channels, const std::vector<int64_t>& num_anchors,
                      int64_t num_classes);

} // namespace polytrain::models
