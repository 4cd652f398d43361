#include "core/models/rpn.h"

#include "core/ops/boxes.h"

#include <ATen/ATen.h>
#include <torch/nn/init.h>

#include <algorithm>

namespace polytrain::models {
namespace {

using at::indexing::Slice;

/// [N, A*C, H, W] -> [N, H*W*A, C] as torchvision's permute_and_flatten.
at::Tensor permute_and_flatten(const at::Tensor& layer, int64_t n, int64_t a, int64_t c, int64_t h, int64_t w) {
  return layer.view({n, -1, c, h, w}).permute({0, 3, 4, 1, 2}).reshape({n, -1, c});
}

} // namespace

RPNHeadImpl::RPNHeadImpl(int64_t in_channels, int64_t num_anchors, int64_t conv_depth) {
  conv = TensorSequential();
  for (int64_t i = 0; i < conv_depth; ++i) {
    conv->push_back(std::to_string(i),
                    conv_norm_act({in_channels, in_channels, 3, 1, -1, 1, 1, false, {}, Activation::ReLU}));
  }
  register_module("conv", conv);
  cls_logits = register_module("cls_logits", torch::nn::Conv2d(torch::nn::Conv2dOptions(in_channels, num_anchors, 1)));
  bbox_pred =
      register_module("bbox_pred", torch::nn::Conv2d(torch::nn::Conv2dOptions(in_channels, num_anchors * 4, 1)));
  for (const auto& m : modules(/*include_self=*/false)) {
    if (auto* c = m->as<torch::nn::Conv2dImpl>()) {
      torch::nn::init::normal_(c->weight, 0.0, 0.01);
      torch::nn::init::zeros_(c->bias);
    }
  }
}

std::pair<std::vector<at::Tensor>, std::vector<at::Tensor>>
RPNHeadImpl::forward(const std::vector<at::Tensor>& features) {
  std::vector<at::Tensor> logits, deltas;
  for (const auto& f : features) {
    const at::Tensor t = conv->forward(f);
    logits.push_back(cls_logits->forward(t));
    deltas.push_back(bbox_pred->forward(t));
  }
  return {logits, deltas};
}

RegionProposalNetworkImpl::RegionProposalNetworkImpl(const RPNOptions& options, int64_t in_channels)
    : options_(options), anchor_generator_(options.anchor_sizes, options.aspect_ratios),
      box_coder_({1.0, 1.0, 1.0, 1.0}), proposal_matcher_(options.fg_iou_thresh, options.bg_iou_thresh, true),
      fg_bg_sampler_(options.batch_size_per_image, options.positive_fraction) {
  const auto per_location = anchor_generator_.num_anchors_per_location();
  TORCH_CHECK(!per_location.empty(), "RPN: no anchor levels configured");
  head = register_module("head", RPNHead(in_channels, per_location.front(), options.conv_depth));
}

std::pair<std::vector<at::Tensor>, std::vector<at::Tensor>>
RegionProposalNetworkImpl::filter_proposals(const at::Tensor& proposals, const at::Tensor& objectness_in,
                                            const std::vector<ImageSize>& image_shapes,
                                            const std::vector<int64_t>& num_anchors_per_level) const {
  const int64_t num_images = proposals.size(0);
  at::Tensor objectness = objectness_in.detach().reshape({num_images, -1});
  std::vector<at::Tensor> level_ids;
  for (size_t idx = 0; idx < num_anchors_per_level.size(); ++idx) {
    level_ids.push_back(
        at::full({num_anchors_per_level[idx]}, static_cast<int64_t>(idx), objectness.options().dtype(at::kLong)));
  }
  at::Tensor levels = at::cat(level_ids, 0).reshape({1, -1}).expand_as(objectness);

  const int64_t pre_nms_top_n = is_training() ? options_.pre_nms_top_n_train : options_.pre_nms_top_n_test;
  const int64_t post_nms_top_n = is_training() ? options_.post_nms_top_n_train : options_.post_nms_top_n_test;
  std::vector<at::Tensor> top_idx;
  int64_t offset = 0;
  const auto per_level = objectness.split_with_sizes(num_anchors_per_level, 1);
  for (const auto& ob : per_level) {
    const int64_t num_anchors = ob.size(1);
    const int64_t k = std::min(pre_nms_top_n, num_anchors);
    top_idx.push_back(std::get<1>(ob.topk(k, 1)) + offset);
    offset += num_anchors;
  }
  const at::Tensor top_n_idx = at::cat(top_idx, 1);
  const at::Tensor batch_idx = at::arange(num_images, top_n_idx.options()).unsqueeze(1);
  objectness = objectness.index({batch_idx, top_n_idx});
  levels = levels.index({batch_idx, top_n_idx});
  const at::Tensor props = proposals.index({batch_idx, top_n_idx});
  const at::Tensor prob = at::sigmoid(objectness);

  std::vector<at::Tensor> final_boxes, final_scores;
  for (int64_t i = 0; i < num_images; ++i) {
    at::Tensor boxes = ops::clip_boxes_to_image(props[i], image_shapes[static_cast<size_t>(i)].first,
                                                image_shapes[static_cast<size_t>(i)].second);
    at::Tensor scores = prob[i];
    at::Tensor lvl = levels[i];
    at::Tensor keep = ops::remove_small_boxes(boxes, 1e-3);
    boxes = boxes.index({keep});
    scores = scores.index({keep});
    lvl = lvl.index({keep});
    keep = at::where(scores >= options_.score_thresh)[0];
    boxes = boxes.index({keep});
    scores = scores.index({keep});
    lvl = lvl.index({keep});
    keep = ops::batched_nms(boxes, scores, lvl, options_.nms_thresh);
    keep = keep.index({Slice(0, post_nms_top_n)});
    final_boxes.push_back(boxes.index({keep}));
    final_scores.push_back(scores.index({keep}));
  }
  return {final_boxes, final_scores};
}

std::pair<std::vector<at::Tensor>, LossDict> RegionProposalNetworkImpl::forward(const ImageList& images,
                                                                                const FeatureList& features,
                                                                                const std::vector<Target>* targets) {
  std::vector<at::Tensor> maps;
  for (const auto& f : features) {
    maps.push_back(f.second);
  }
  auto [objectness_levels, deltas_levels] = head->forward(maps);
  const int64_t num_images = images.tensors.size(0);
  const std::vector<at::Tensor> anchors =
      anchor_generator_.forward(images.tensors.size(-2), images.tensors.size(-1), num_images, maps);

  // concat_box_prediction_layers
  std::vector<int64_t> num_anchors_per_level;
  std::vector<at::Tensor> cls_flat, reg_flat;
  for (size_t l = 0; l < objectness_levels.size(); ++l) {
    const at::Tensor& cls = objectness_levels[l];
    const at::Tensor& reg = deltas_levels[l];
    const int64_t n = cls.size(0), axc = cls.size(1), h = cls.size(2), w = cls.size(3);
    const int64_t a = reg.size(1) / 4;
    const int64_t c = axc / a;
    num_anchors_per_level.push_back(axc * h * w);
    cls_flat.push_back(permute_and_flatten(cls, n, a, c, h, w));
    reg_flat.push_back(permute_and_flatten(reg, n, a, 4, h, w));
  }
  const at::Tensor objectness = at::cat(cls_flat, 1).flatten(0, -2);
  const at::Tensor pred_bbox_deltas = at::cat(reg_flat, 1).reshape({-1, 4});

  at::Tensor proposals = box_coder_.decode(pred_bbox_deltas.detach(), anchors);
  proposals = proposals.view({num_images, -1, 4});
  auto [boxes, scores] = filter_proposals(proposals, objectness, images.image_sizes, num_anchors_per_level);

  LossDict losses;
  if (is_training()) {
    TORCH_CHECK(targets != nullptr && static_cast<int64_t>(targets->size()) == num_images,
                "RPN: training needs one target per image");
    std::vector<at::Tensor> labels, matched_gt_boxes;
    for (int64_t i = 0; i < num_images; ++i) {
      const at::Tensor& anchors_i = anchors[static_cast<size_t>(i)];
      const at::Tensor& gt_boxes = (*targets)[static_cast<size_t>(i)].boxes;
      if (gt_boxes.numel() == 0) {
        matched_gt_boxes.push_back(at::zeros(anchors_i.sizes(), anchors_i.options()));
        labels.push_back(at::zeros({anchors_i.size(0)}, anchors_i.options()));
        continue;
      }
      const at::Tensor quality = ops::box_iou(gt_boxes, anchors_i);
      const at::Tensor matched_idxs = proposal_matcher_(quality);
      matched_gt_boxes.push_back(gt_boxes.index({matched_idxs.clamp_min(0)}));
      at::Tensor l = (matched_idxs >= 0).to(anchors_i.scalar_type());
      l.index_put_({matched_idxs == ops::Matcher::BELOW_LOW_THRESHOLD}, 0.0);
      l.index_put_({matched_idxs == ops::Matcher::BETWEEN_THRESHOLDS}, -1.0);
      labels.push_back(l);
    }
    const std::vector<at::Tensor> regression_targets = box_coder_.encode(matched_gt_boxes, anchors);

    auto [pos_masks, neg_masks] = fg_bg_sampler_(labels);
    const at::Tensor sampled_pos = at::where(at::cat(pos_masks, 0))[0];
    const at::Tensor sampled_neg = at::where(at::cat(neg_masks, 0))[0];
    const at::Tensor sampled = at::cat({sampled_pos, sampled_neg}, 0);
    const at::Tensor all_labels = at::cat(labels, 0);
    const at::Tensor all_targets = at::cat(regression_targets, 0);
    const at::Tensor box_loss = at::smooth_l1_loss(pred_bbox_deltas.index({sampled_pos}),
                                                   all_targets.index({sampled_pos}), at::Reduction::Sum, 1.0 / 9) /
                                static_cast<double>(sampled.numel());
    const at::Tensor objectness_loss = at::binary_cross_entropy_with_logits(
        objectness.flatten().index({sampled}), all_labels.index({sampled}), {}, {}, at::Reduction::Mean);
    losses.emplace_back("loss_objectness", objectness_loss);
    losses.emplace_back("loss_rpn_box_reg", box_loss);
  }
  return {boxes, losses};
}

} // namespace polytrain::models
