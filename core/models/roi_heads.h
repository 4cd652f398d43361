// RoI heads mirroring torchvision.models.detection.roi_heads (0.14) for Mask R-CNN: box branch (TwoMLPHead,
// FastRCNNPredictor), mask branch (MaskRCNNHeads, MaskRCNNPredictor), training sample selection and losses,
// postprocessing (score threshold, per-class NMS, detections per image).
#pragma once

#include "core/models/backbone.h"
#include "core/models/detection_types.h"
#include "core/models/layers.h"
#include "core/ops/box_coder.h"
#include "core/ops/matcher.h"
#include "core/ops/poolers.h"

#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/linear.h>

#include <array>

namespace polytrain::models {

class TwoMLPHeadImpl : public torch::nn::Module {
public:
  TwoMLPHeadImpl(int64_t in_channels, int64_t representation_size);
  at::Tensor forward(const at::Tensor& x);
  torch::nn::Linear fc6{nullptr}, fc7{nullptr};
};
TORCH_MODULE(TwoMLPHead);

class FastRCNNPredictorImpl : public torch::nn::Module {
public:
  FastRCNNPredictorImpl(int64_t in_channels, int64_t num_classes);
  std::pair<at::Tensor, at::Tensor> forward(const at::Tensor& x);
  torch::nn::Linear cls_score{nullptr}, bbox_pred{nullptr};
};
TORCH_MODULE(FastRCNNPredictor);

/// torchvision's MaskRCNNHeads: Sequential of Conv2dNormActivation ("0".."3"), ReLU, optional norm.
TensorSequential make_mask_rcnn_heads(int64_t in_channels, const std::vector<int64_t>& layers, int64_t dilation,
                                      const NormSpec* norm = nullptr);

class MaskRCNNPredictorImpl : public torch::nn::Module {
public:
  MaskRCNNPredictorImpl(int64_t in_channels, int64_t dim_reduced, int64_t num_classes);
  at::Tensor forward(const at::Tensor& x);
  torch::nn::ConvTranspose2d conv5_mask{nullptr};
  torch::nn::Conv2d mask_fcn_logits{nullptr};

private:
  // conv5_mask's kernel equals its stride, so on the CPU it runs as one GEMM (ops::tiled_conv_transpose2d)
  bool conv5_mask_is_tiled() const;
};
TORCH_MODULE(MaskRCNNPredictor);

struct RoIHeadsOptions {
  int64_t num_classes = 91; ///< including the background
  std::vector<std::string> featmap_names = {"0", "1", "2", "3"};
  int64_t box_output_size = 7;
  int64_t mask_output_size = 14;
  int64_t sampling_ratio = 2;
  int64_t representation_size = 1024;
  std::vector<int64_t> mask_layers = {256, 256, 256, 256};
  int64_t mask_dilation = 1;
  int64_t mask_dim_reduced = 256;
  bool mask_head_norm = false; ///< torchvision's MaskRCNNHeads norm_layer (v2 models use BatchNorm2d)
  NormSpec mask_norm{NormKind::Batch, 1e-5, 32};
  double score_thresh = 0.05;
  double nms_thresh = 0.5;
  int64_t detections_per_img = 100;
  double fg_iou_thresh = 0.5;
  double bg_iou_thresh = 0.5;
  int64_t batch_size_per_image = 512;
  double positive_fraction = 0.25;
  std::array<double, 4> bbox_reg_weights = {10.0, 10.0, 5.0, 5.0};
  /// Run the mask head and predictor on channels-last memory (see memory_format.h): torchvision's own 256-channel
  /// mask head on 200 RoIs evaluates in 0.88x of its contiguous time here.
  bool mask_head_channels_last = true;
};

class RoIHeadsImpl : public torch::nn::Module {
public:
  RoIHeadsImpl(const RoIHeadsOptions& options, int64_t in_channels);

  /// Eval: detections per image (boxes in the resized image's coordinates, masks [D, 1, M, M] probabilities).
  /// Training (targets given, already resized): the losses loss_classifier, loss_box_reg, loss_mask.
  std::pair<std::vector<Detection>, LossDict> forward(const FeatureList& features,
                                                      const std::vector<at::Tensor>& proposals,
                                                      const std::vector<ImageSize>& image_shapes,
                                                      const std::vector<Target>* targets = nullptr);

  const RoIHeadsOptions& options() const { return options_; }
  /// Gives the mask head and predictor channels-last strides when the options ask for them (again after a restore
  /// brought contiguous weights).
  void use_channels_last_where_chosen();
  /// The eval-time score threshold and detection cap (torchvision's box_score_thresh, box_detections_per_img).
  void set_detection_limits(double score_thresh, int64_t detections_per_img) {
    options_.score_thresh = score_thresh;
    options_.detections_per_img = detections_per_img;
  }

  TwoMLPHead box_head{nullptr};
  FastRCNNPredictor box_predictor{nullptr};
  TensorSequential mask_head{nullptr};
  MaskRCNNPredictor mask_predictor{nullptr};

private:
  struct Samples {
    std::vector<at::Tensor> proposals, matched_idxs, labels, regression_targets;
  };
  Samples select_training_samples(std::vector<at::Tensor> proposals, const std::vector<Target>& targets) const;
  std::vector<Detection> postprocess_detections(const at::Tensor& class_logits, const at::Tensor& box_regression,
                                                const std::vector<at::Tensor>& proposals,
                                                const std::vector<ImageSize>& image_shapes) const;

  RoIHeadsOptions options_;
  ops::MultiScaleRoIAlign box_roi_pool_;
  ops::MultiScaleRoIAlign mask_roi_pool_;
  ops::BoxCoder box_coder_;
  ops::Matcher proposal_matcher_;
  ops::BalancedPositiveNegativeSampler fg_bg_sampler_;
};
TORCH_MODULE(RoIHeads);

} // namespace polytrain::models
