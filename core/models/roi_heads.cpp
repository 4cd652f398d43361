#include "core/models/roi_heads.h"

#include "core/models/memory_format.h"

#include "core/ops/boxes.h"
#include "core/ops/roi_align.h"
#include "core/ops/threaded_linear.h"
#include "core/ops/tiled_conv_transpose.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>
#include <torch/nn/init.h>

#include <algorithm>
#include <variant>

namespace polytrain::models {
namespace {

using at::indexing::None;
using at::indexing::Slice;

std::vector<int64_t> counts(const std::vector<at::Tensor>& boxes) {
  std::vector<int64_t> n;
  for (const auto& b : boxes) {
    n.push_back(b.size(0));
  }
  return n;
}

at::Tensor project_masks_on_boxes(const at::Tensor& gt_masks, const at::Tensor& boxes, const at::Tensor& matched_idxs,
                                  int64_t m) {
  const at::Tensor rois = at::cat({matched_idxs.to(boxes.dtype()).unsqueeze(1), boxes}, 1);
  const at::Tensor masks = gt_masks.unsqueeze(1).to(rois.dtype());
  ops::RoIAlignParams p;
  p.pooled_height = m;
  p.pooled_width = m;
  p.spatial_scale = 1.0;
  p.sampling_ratio = -1;
  p.aligned = false;
  return ops::roi_align(masks, rois, p).select(1, 0);
}

} // namespace

TwoMLPHeadImpl::TwoMLPHeadImpl(int64_t in_channels, int64_t representation_size) {
  fc6 = register_module("fc6", torch::nn::Linear(in_channels, representation_size));
  fc7 = register_module("fc7", torch::nn::Linear(representation_size, representation_size));
}

at::Tensor TwoMLPHeadImpl::forward(const at::Tensor& x) {
  const at::Tensor hidden = at::relu(ops::linear_on_all_threads(x.flatten(1), fc6->weight, fc6->bias));
  return at::relu(ops::linear_on_all_threads(hidden, fc7->weight, fc7->bias));
}

FastRCNNPredictorImpl::FastRCNNPredictorImpl(int64_t in_channels, int64_t num_classes) {
  cls_score = register_module("cls_score", torch::nn::Linear(in_channels, num_classes));
  bbox_pred = register_module("bbox_pred", torch::nn::Linear(in_channels, num_classes * 4));
}

std::pair<at::Tensor, at::Tensor> FastRCNNPredictorImpl::forward(const at::Tensor& x) {
  const at::Tensor f = x.flatten(1);
  return {ops::linear_on_all_threads(f, cls_score->weight, cls_score->bias),
          ops::linear_on_all_threads(f, bbox_pred->weight, bbox_pred->bias)};
}

TensorSequential make_mask_rcnn_heads(int64_t in_channels, const std::vector<int64_t>& layers, int64_t dilation,
                                      const NormSpec* norm) {
  TensorSequential seq;
  int64_t next = in_channels;
  for (size_t i = 0; i < layers.size(); ++i) {
    ConvNormActOptions o{
        next, layers[i], 3, 1, dilation, 1, dilation, norm != nullptr, norm ? *norm : NormSpec{}, Activation::ReLU};
    seq->push_back(std::to_string(i), conv_norm_act(o));
    next = layers[i];
  }
  for (const auto& m : seq->modules()) {
    if (auto* c = m->as<torch::nn::Conv2dImpl>()) {
      torch::nn::init::kaiming_normal_(c->weight, 0.0, torch::kFanOut, torch::kReLU);
      if (c->bias.defined()) {
        torch::nn::init::zeros_(c->bias);
      }
    }
  }
  return seq;
}

MaskRCNNPredictorImpl::MaskRCNNPredictorImpl(int64_t in_channels, int64_t dim_reduced, int64_t num_classes) {
  conv5_mask = register_module(
      "conv5_mask",
      torch::nn::ConvTranspose2d(torch::nn::ConvTranspose2dOptions(in_channels, dim_reduced, 2).stride(2)));
  mask_fcn_logits =
      register_module("mask_fcn_logits", torch::nn::Conv2d(torch::nn::Conv2dOptions(dim_reduced, num_classes, 1)));
  for (auto& p : named_parameters()) {
    if (p.key().find("weight") != std::string::npos) {
      torch::nn::init::kaiming_normal_(p.value(), 0.0, torch::kFanOut, torch::kReLU);
    } else {
      torch::nn::init::zeros_(p.value());
    }
  }
}

bool MaskRCNNPredictorImpl::conv5_mask_is_tiled() const {
  const auto& o = conv5_mask->options;
  using std::get_if; // c10::variant in libtorch 1.13, std::variant in 2.x: found by argument-dependent lookup
  const auto* padding = get_if<torch::ExpandingArray<2>>(&o.padding());
  return padding != nullptr &&
         ops::is_tiled_conv_transpose(o.kernel_size()->at(0), o.kernel_size()->at(1), o.stride()->at(0),
                                      o.stride()->at(1), std::max((*padding)->at(0), (*padding)->at(1)),
                                      std::max(o.output_padding()->at(0), o.output_padding()->at(1)),
                                      std::max(o.dilation()->at(0), o.dilation()->at(1)), o.groups());
}

at::Tensor MaskRCNNPredictorImpl::forward(const at::Tensor& x) {
  const at::Tensor upsampled = x.device().is_cpu() && conv5_mask_is_tiled()
                                   ? ops::tiled_conv_transpose2d(x, conv5_mask->weight, conv5_mask->bias)
                                   : conv5_mask->forward(x);
  return mask_fcn_logits->forward(at::relu(upsampled));
}

RoIHeadsImpl::RoIHeadsImpl(const RoIHeadsOptions& options, int64_t in_channels)
    : options_(options),
      box_roi_pool_({options.featmap_names, options.box_output_size, options.box_output_size, options.sampling_ratio}),
      mask_roi_pool_(
          {options.featmap_names, options.mask_output_size, options.mask_output_size, options.sampling_ratio}),
      box_coder_(options.bbox_reg_weights), proposal_matcher_(options.fg_iou_thresh, options.bg_iou_thresh, false),
      fg_bg_sampler_(options.batch_size_per_image, options.positive_fraction) {
  TORCH_CHECK(options.num_classes >= 2, "RoIHeads: num_classes counts the background and must be >= 2, got ",
              options.num_classes);
  TORCH_CHECK(!options.mask_layers.empty(), "RoIHeads: mask_layers is empty");
  box_head = register_module("box_head", TwoMLPHead(in_channels * options.box_output_size * options.box_output_size,
                                                    options.representation_size));
  box_predictor = register_module("box_predictor", FastRCNNPredictor(options.representation_size, options.num_classes));
  mask_head = register_module("mask_head", make_mask_rcnn_heads(in_channels, options.mask_layers, options.mask_dilation,
                                                                options.mask_head_norm ? &options.mask_norm : nullptr));
  mask_predictor = register_module(
      "mask_predictor", MaskRCNNPredictor(options.mask_layers.back(), options.mask_dim_reduced, options.num_classes));
  use_channels_last_where_chosen();
}

void RoIHeadsImpl::use_channels_last_where_chosen() {
  if (options_.mask_head_channels_last) {
    use_channels_last(*mask_head);
    use_channels_last(*mask_predictor);
  }
}

RoIHeadsImpl::Samples RoIHeadsImpl::select_training_samples(std::vector<at::Tensor> proposals,
                                                            const std::vector<Target>& targets) const {
  Samples s;
  const size_t num_images = proposals.size();
  std::vector<at::Tensor> pos_or_neg;
  for (size_t i = 0; i < num_images; ++i) {
    const Target& t = targets[i];
    // add_gt_proposals
    proposals[i] = at::cat({proposals[i], t.boxes.to(proposals[i].dtype())}, 0);
    const at::Tensor& props = proposals[i];
    at::Tensor matched, labels;
    if (t.boxes.numel() == 0) {
      matched = at::zeros({props.size(0)}, props.options().dtype(at::kLong));
      labels = at::zeros({props.size(0)}, props.options().dtype(at::kLong));
    } else {
      const at::Tensor quality = ops::box_iou(t.boxes, props);
      const at::Tensor m = proposal_matcher_(quality);
      matched = m.clamp_min(0);
      labels = t.labels.index({matched}).to(at::kLong);
      labels.index_put_({m == ops::Matcher::BELOW_LOW_THRESHOLD}, 0);
      labels.index_put_({m == ops::Matcher::BETWEEN_THRESHOLDS}, -1);
    }
    s.matched_idxs.push_back(matched);
    s.labels.push_back(labels);
  }
  auto [pos, neg] = fg_bg_sampler_(s.labels);
  std::vector<at::Tensor> matched_gt_boxes;
  for (size_t i = 0; i < num_images; ++i) {
    const at::Tensor keep = at::where(pos[i].logical_or(neg[i]))[0];
    proposals[i] = proposals[i].index({keep});
    s.labels[i] = s.labels[i].index({keep});
    s.matched_idxs[i] = s.matched_idxs[i].index({keep});
    at::Tensor gt = targets[i].boxes;
    if (gt.numel() == 0) {
      gt = at::zeros({1, 4}, proposals[i].options());
    }
    matched_gt_boxes.push_back(gt.index({s.matched_idxs[i]}));
  }
  s.regression_targets = box_coder_.encode(matched_gt_boxes, proposals);
  s.proposals = std::move(proposals);
  return s;
}

std::vector<Detection> RoIHeadsImpl::postprocess_detections(const at::Tensor& class_logits,
                                                            const at::Tensor& box_regression,
                                                            const std::vector<at::Tensor>& proposals,
                                                            const std::vector<ImageSize>& image_shapes) const {
  const int64_t num_classes = class_logits.size(-1);
  // BoxCoder::decode leaves [0, K * 4] when no image has a proposal (as torchvision's); give it its class axis so
  // that an image without proposals yields no detections instead of failing the box clip.
  const at::Tensor decoded = box_coder_.decode(box_regression, proposals);
  const at::Tensor pred_boxes = decoded.reshape({decoded.size(0), num_classes, 4});
  const at::Tensor pred_scores = at::softmax(class_logits, -1);
  const auto per_image = counts(proposals);
  const auto boxes_list = pred_boxes.split_with_sizes(per_image, 0);
  const auto scores_list = pred_scores.split_with_sizes(per_image, 0);
  std::vector<Detection> result;
  for (size_t i = 0; i < boxes_list.size(); ++i) {
    at::Tensor boxes = ops::clip_boxes_to_image(boxes_list[i], image_shapes[i].first, image_shapes[i].second);
    at::Tensor scores = scores_list[i];
    at::Tensor labels = at::arange(num_classes, scores.options().dtype(at::kLong)).view({1, -1}).expand_as(scores);
    boxes = boxes.index({Slice(), Slice(1, None)}).reshape({-1, 4});
    scores = scores.index({Slice(), Slice(1, None)}).reshape({-1});
    labels = labels.index({Slice(), Slice(1, None)}).reshape({-1});
    at::Tensor keep = at::where(scores > options_.score_thresh)[0];
    boxes = boxes.index({keep});
    scores = scores.index({keep});
    labels = labels.index({keep});
    keep = ops::remove_small_boxes(boxes, 1e-2);
    boxes = boxes.index({keep});
    scores = scores.index({keep});
    labels = labels.index({keep});
    keep = ops::batched_nms(boxes, scores, labels, options_.nms_thresh);
    keep = keep.index({Slice(0, options_.detections_per_img)});
    Detection d;
    d.boxes = boxes.index({keep});
    d.scores = scores.index({keep});
    d.labels = labels.index({keep});
    result.push_back(std::move(d));
  }
  return result;
}

std::pair<std::vector<Detection>, LossDict> RoIHeadsImpl::forward(const FeatureList& features,
                                                                  const std::vector<at::Tensor>& proposals_in,
                                                                  const std::vector<ImageSize>& image_shapes,
                                                                  const std::vector<Target>* targets) {
  const bool training = is_training();
  TORCH_CHECK(!training || (targets != nullptr && targets->size() == proposals_in.size()),
              "RoIHeads: training needs one target per image");
  std::vector<at::Tensor> proposals = proposals_in;
  Samples samples;
  if (training) {
    samples = select_training_samples(proposals, *targets);
    proposals = samples.proposals;
  }
  at::Tensor box_features = box_roi_pool_.forward(features, proposals, image_shapes);
  box_features = box_head->forward(box_features);
  auto [class_logits, box_regression] = box_predictor->forward(box_features);

  std::vector<Detection> result;
  LossDict losses;
  std::vector<at::Tensor> mask_proposals, pos_matched_idxs;
  if (training) {
    // fastrcnn_loss
    const at::Tensor labels = at::cat(samples.labels, 0);
    const at::Tensor regression_targets = at::cat(samples.regression_targets, 0);
    const at::Tensor classification_loss = at::cross_entropy_loss(class_logits, labels);
    const at::Tensor pos = at::where(labels > 0)[0];
    const at::Tensor labels_pos = labels.index({pos});
    const int64_t n = class_logits.size(0);
    const at::Tensor reg = box_regression.reshape({n, box_regression.size(-1) / 4, 4});
    const at::Tensor box_loss =
        at::smooth_l1_loss(reg.index({pos, labels_pos}), regression_targets.index({pos}), at::Reduction::Sum, 1.0 / 9) /
        static_cast<double>(labels.numel());
    losses.emplace_back("loss_classifier", classification_loss);
    losses.emplace_back("loss_box_reg", box_loss);
    for (size_t i = 0; i < proposals.size(); ++i) {
      const at::Tensor p = at::where(samples.labels[i] > 0)[0];
      mask_proposals.push_back(proposals[i].index({p}));
      pos_matched_idxs.push_back(samples.matched_idxs[i].index({p}));
    }
  } else {
    result = postprocess_detections(class_logits, box_regression, proposals, image_shapes);
    for (const auto& d : result) {
      mask_proposals.push_back(d.boxes);
    }
  }

  at::Tensor mask_features = mask_roi_pool_.forward(features, mask_proposals, image_shapes);
  at::Tensor mask_logits;
  if (mask_features.size(0) == 0 && options_.mask_head_channels_last) {
    // libtorch 1.13's convolution fails on an empty batch once its weights are channels-last. No RoI: empty logits,
    // tied to every mask parameter with a zero factor so that they get zero gradients, as the empty convolutions
    // give them in torchvision.
    at::Tensor tie = at::zeros({}, mask_features.options());
    if (at::GradMode::is_enabled()) {
      for (const at::Tensor& p : mask_head->parameters()) {
        tie = tie + p.sum() * 0;
      }
      for (const at::Tensor& p : mask_predictor->parameters()) {
        tie = tie + p.sum() * 0;
      }
    }
    const int64_t side = 2 * options_.mask_output_size; // the predictor's stride-2 transposed convolution
    mask_logits = at::zeros({0, options_.num_classes, side, side}, mask_features.options()) + tie;
  } else {
    if (options_.mask_head_channels_last) {
      mask_features = channels_last(mask_features);
    }
    mask_logits = mask_predictor->forward(mask_head->forward(mask_features));
  }

  if (training) {
    // maskrcnn_loss
    const int64_t m = mask_logits.size(-1);
    std::vector<at::Tensor> labels, mask_targets;
    for (size_t i = 0; i < mask_proposals.size(); ++i) {
      const Target& t = (*targets)[i];
      labels.push_back(t.labels.index({pos_matched_idxs[i]}));
      mask_targets.push_back(project_masks_on_boxes(t.masks, mask_proposals[i], pos_matched_idxs[i], m));
    }
    const at::Tensor all_labels = at::cat(labels, 0);
    const at::Tensor all_targets = at::cat(mask_targets, 0);
    at::Tensor mask_loss;
    if (all_targets.numel() == 0) {
      mask_loss = mask_logits.sum() * 0;
    } else {
      const at::Tensor picked = mask_logits.index({at::arange(all_labels.size(0), all_labels.options()), all_labels});
      mask_loss = at::binary_cross_entropy_with_logits(picked, all_targets, {}, {}, at::Reduction::Mean);
    }
    losses.emplace_back("loss_mask", mask_loss);
  } else {
    // maskrcnn_inference
    std::vector<at::Tensor> labels;
    std::vector<int64_t> per_image;
    for (const auto& d : result) {
      labels.push_back(d.labels);
      per_image.push_back(d.labels.size(0));
    }
    const at::Tensor all_labels = at::cat(labels);
    // The label's channel first, then the sigmoid: the same values as torchvision's sigmoid-then-pick, on 1 / K of
    // the elements.
    const at::Tensor picked =
        mask_logits.index({at::arange(mask_logits.size(0), all_labels.options()), all_labels}).sigmoid().unsqueeze(1);
    const auto split = picked.split_with_sizes(per_image, 0);
    for (size_t i = 0; i < result.size(); ++i) {
      result[i].masks = split[i];
    }
  }
  return {result, losses};
}

} // namespace polytrain::models
