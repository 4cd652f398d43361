// Region proposal network mirroring torchvision.models.detection.rpn (0.14): RPNHead, anchor generation,
// proposal filtering (pre/post NMS top-n for train and test), anchor matching, sampling and losses.
#pragma once

#include "core/models/backbone.h"
#include "core/models/detection_types.h"
#include "core/models/layers.h"
#include "core/ops/anchors.h"
#include "core/ops/box_coder.h"
#include "core/ops/matcher.h"

#include <torch/nn/modules/conv.h>

namespace polytrain::models {

struct RPNOptions {
  std::vector<std::vector<double>> anchor_sizes = {{32}, {64}, {128}, {256}, {512}};
  std::vector<std::vector<double>> aspect_ratios = {
      {0.5, 1.0, 2.0}, {0.5, 1.0, 2.0}, {0.5, 1.0, 2.0}, {0.5, 1.0, 2.0}, {0.5, 1.0, 2.0}};
  int64_t pre_nms_top_n_train = 2000;
  int64_t pre_nms_top_n_test = 1000;
  int64_t post_nms_top_n_train = 2000;
  int64_t post_nms_top_n_test = 1000;
  double nms_thresh = 0.7;
  double fg_iou_thresh = 0.7;
  double bg_iou_thresh = 0.3;
  int64_t batch_size_per_image = 256;
  double positive_fraction = 0.5;
  double score_thresh = 0.0;
  int64_t conv_depth = 1;
};

/// torchvision's RPNHead: conv (Sequential of Conv2dNormActivation without norm), cls_logits, bbox_pred.
class RPNHeadImpl : public torch::nn::Module {
public:
  RPNHeadImpl(int64_t in_channels, int64_t num_anchors, int64_t conv_depth = 1);
  /// Per level: objectness [N, A, H, W] and box deltas [N, 4A, H, W].
  std::pair<std::vector<at::Tensor>, std::vector<at::Tensor>> forward(const std::vector<at::Tensor>& features);

  TensorSequential conv{nullptr};
  torch::nn::Conv2d cls_logits{nullptr}, bbox_pred{nullptr};
};
TORCH_MODULE(RPNHead);

class RegionProposalNetworkImpl : public torch::nn::Module {
public:
  RegionProposalNetworkImpl(const RPNOptions& options, int64_t in_channels);

  /// Proposals per image ([P_i, 4], image coordinates of the padded batch). With targets (training) also the
  /// losses loss_objectness and loss_rpn_box_reg.
  std::pair<std::vector<at::Tensor>, LossDict> forward(const ImageList& images, const FeatureList& features,
                                                       const std::vector<Target>* targets = nullptr);

  const RPNOptions& options() const { return options_; }
  RPNHead head{nullptr};

private:
  std::pair<std::vector<at::Tensor>, std::vector<at::Tensor>>
  filter_proposals(const at::Tensor& proposals, const at::Tensor& objectness,
                   const std::vector<ImageSize>& image_shapes, const std::vector<int64_t>& num_anchors_per_level) const;

  RPNOptions options_;
  ops::AnchorGenerator anchor_generator_;
  ops::BoxCoder box_coder_;
  ops::Matcher proposal_matcher_;
  ops::BalancedPositiveNegativeSampler fg_bg_sampler_;
};
TORCH_MODULE(RegionProposalNetwork);

} // namespace polytrain::models
