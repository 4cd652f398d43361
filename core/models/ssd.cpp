#include "core/models/ssd.h"

#include "core/models/memory_format.h"
#include "core/models/ssd_folded.h"
#include "core/models/ssdlite.h"
#include "core/models/transform.h"
#include "core/models/vgg.h"
#include "core/ops/boxes.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace polytrain::models {

std::vector<std::string> ssd_model_names() {
  return {"ssdlite320_mobilenet_v3_large", "ssd300_vgg16", "ssdlite320_mobilenet_v2"};
}

SSDOptions ssd_options(const std::string& name, int64_t num_classes) {
  SSDOptions o;
  o.name = name;
  o.num_classes = num_classes;
  if (name == "ssdlite320_mobilenet_v3_large" || name == "ssdlite320_mobilenet_v2") {
    // ssdlite.py: DefaultBoxGenerator([[2, 3]] * 6, min_ratio=0.2, max_ratio=0.95), inputs scaled to [-1, 1].
    o.architecture = name == "ssdlite320_mobilenet_v2" ? SSDArchitecture::SSDLiteMobileNetV2
                                                       : SSDArchitecture::SSDLiteMobileNetV3Large;
    o.size = 320;
    o.aspect_ratios = std::vector<std::vector<double>>(6, {2.0, 3.0});
    o.min_ratio = 0.2;
    o.max_ratio = 0.95;
    return o;
  }
  if (name == "ssd300_vgg16") {
    o.architecture = SSDArchitecture::SSD300VGG16;
    o.size = 300;
    o.image_mean = {0.48235, 0.45882, 0.40784};
    o.image_std = {1.0 / 255.0, 1.0 / 255.0, 1.0 / 255.0};
    o.score_thresh = 0.01;
    o.nms_thresh = 0.45;
    o.detections_per_img = 200;
    o.topk_candidates = 400;
    o.aspect_ratios = {{2.0}, {2.0, 3.0}, {2.0, 3.0}, {2.0, 3.0}, {2.0}, {2.0}};
    o.scales = std::vector<double>{0.07, 0.15, 0.33, 0.51, 0.69, 0.87, 1.05};
    o.steps = std::vector<int64_t>{8, 16, 32, 64, 100, 300};
    return o;
  }
  throw std::invalid_argument("unknown model '" + name + "'");
}

SSDImpl::SSDImpl(const SSDOptions& options)
    : options_(options),
      anchor_generator_(options.aspect_ratios, options.min_ratio, options.max_ratio, options.scales, options.steps),
      box_coder_({10.0, 10.0, 5.0, 5.0}), matcher_(options.iou_thresh) {
  TORCH_CHECK(options.num_classes >= 2, "SSD: num_classes must count the background and at least one class, got ",
              options.num_classes);
  TORCH_CHECK(options.size >= 32, "SSD: input size must be at least 32, got ", options.size);
  TORCH_CHECK(options.positive_fraction > 0 && options.positive_fraction <= 1,
              "SSD: positive_fraction must be in (0, 1], got ", options.positive_fraction);
  const bool lite = options.architecture != SSDArchitecture::SSD300VGG16;
  if (lite) {
    SSDLiteBackboneOptions b;
    b.trunk = options.architecture == SSDArchitecture::SSDLiteMobileNetV2 ? SSDLiteTrunk::MobileNetV2
                                                                          : SSDLiteTrunk::MobileNetV3Large;
    b.reduced_tail = options.reduced_tail;
    b.trainable_layers = options.trainable_backbone_layers;
    backbone = register_module("backbone", std::make_shared<SSDLiteFeatureExtractorMobileNetImpl>(b));
  } else {
    // conv10_2 and conv11_2 are unpadded 3x3 convolutions: conv9_2's map must be at least 5x5.
    int64_t s = options.size / 2 / 2;
    s = (s + 1) / 2 / 2;               // maxpool3 (ceil mode), maxpool4
    s = ((s - 1) / 2 + 1 - 1) / 2 + 1; // conv8_2, conv9_2 (3x3, stride 2, padding 1)
    TORCH_CHECK(s >= 5, "SSD300 VGG16: an input size of ", options.size,
                " is too small for its extra layers (268 at least)");
    SSDVGGOptions b;
    b.trainable_layers = options.trainable_backbone_layers;
    backbone = register_module("backbone", std::make_shared<SSDFeatureExtractorVGGImpl>(b));
  }
  const std::vector<int64_t> channels = backbone->out_channels();
  const std::vector<int64_t> anchors = anchor_generator_.num_anchors_per_location();
  TORCH_CHECK(channels.size() == anchors.size(), "SSD: the backbone has ", channels.size(),
              " feature maps but the default boxes ", anchors.size(), " aspect-ratio sets");
  head = register_module("head", lite ? make_ssdlite_head(channels, anchors, options.num_classes)
                                      : make_ssd_head(channels, anchors, options.num_classes));
  if (lite) {
    // ssdlite320_*: every convolution N(0, 0.03) without pretrained backbone weights; BatchNorm eps 0.001,
    // momentum 0.03.
    ssdlite_normal_init(*this);
    ssdlite_norm_settings(*this);
    if (options.fold_batch_norm_in_eval && FoldedSSDLiteForward::supports(*backbone)) {
      folded_ = std::make_shared<FoldedSSDLiteForward>();
    }
  }
  if (options.channels_last) {
    use_channels_last(*this);
  }
}

SSDHeadOutputs SSDImpl::forward_heads(const at::Tensor& batch, std::vector<at::Tensor>* feature_maps) {
  std::vector<at::Tensor> features;
  SSDHeadOutputs outputs;
  const at::Tensor input = options_.channels_last ? channels_last(batch) : batch;
  if (folded_ && !is_training() && !at::GradMode::is_enabled()) {
    features = folded_->backbone(*backbone, input);
    outputs = folded_->head(*head, features);
  } else {
    features = backbone->forward(input);
    outputs = head->forward(features);
  }
  if (feature_maps != nullptr) {
    *feature_maps = std::move(features);
  }
  return outputs;
}

void SSDImpl::set_detection_limits(double score_thresh, int64_t detections_per_img) {
  TORCH_CHECK(detections_per_img > 0, "SSD: detections_per_img must be positive, got ", detections_per_img);
  options_.score_thresh = score_thresh;
  options_.detections_per_img = detections_per_img;
}

ImageList SSDImpl::transform(const std::vector<at::Tensor>& images, std::vector<Target>* targets) const {
  TORCH_CHECK(!images.empty(), "SSD: no images");
  std::vector<at::Tensor> resized;
  ImageList out;
  const int64_t size = options_.size;
  for (size_t i = 0; i < images.size(); ++i) {
    const at::Tensor& image = images[i];
    TORCH_CHECK(image.dim() == 3, "SSD: images must be [C, H, W], got ", image.sizes());
    TORCH_CHECK(image.is_floating_point(), "SSD: images must be floating point in [0, 1], got ", image.scalar_type());
    const at::Tensor mean =
        at::tensor(std::vector<double>(options_.image_mean.begin(), options_.image_mean.end()), image.options());
    const at::Tensor std =
        at::tensor(std::vector<double>(options_.image_std.begin(), options_.image_std.end()), image.options());
    const at::Tensor normalised = (image - mean.view({-1, 1, 1})) / std.view({-1, 1, 1});
    resized.push_back(
        at::upsample_bilinear2d(normalised.unsqueeze(0), {size, size}, false, c10::nullopt, c10::nullopt).squeeze(0));
    out.image_sizes.emplace_back(size, size);
    if (targets != nullptr) {
      Target& t = (*targets)[i];
      t.boxes = resize_boxes(t.boxes, {image.size(-2), image.size(-1)}, {size, size});
      t.masks = at::Tensor(); // SSD predicts boxes only
    }
  }
  out.tensors = at::stack(resized);
  return out;
}

at::Tensor SSDImpl::default_boxes(const std::vector<at::Tensor>& feature_maps, int64_t num_images) const {
  return anchor_generator_.forward(options_.size, options_.size, num_images, feature_maps).front();
}

std::vector<Detection> SSDImpl::detect(const std::vector<at::Tensor>& images) {
  TORCH_CHECK(!is_training(), "SSD::detect needs eval mode (call eval())");
  std::vector<ImageSize> original;
  for (const auto& img : images) {
    original.emplace_back(img.size(-2), img.size(-1));
  }
  const ImageList batch = transform(images, nullptr);
  std::vector<at::Tensor> features;
  const SSDHeadOutputs head_outputs = forward_heads(batch.tensors, &features);
  const auto n = static_cast<int64_t>(images.size());
  const std::vector<at::Tensor> anchors = anchor_generator_.forward(options_.size, options_.size, n, features);
  std::vector<Detection> detections = postprocess_detections(head_outputs, anchors, batch.image_sizes);
  for (size_t i = 0; i < detections.size(); ++i) {
    detections[i].boxes = resize_boxes(detections[i].boxes, batch.image_sizes[i], original[i]);
  }
  return detections;
}

LossDict SSDImpl::losses(const std::vector<at::Tensor>& images, std::vector<Target> targets) {
  TORCH_CHECK(is_training(), "SSD::losses needs train mode (call train())");
  TORCH_CHECK(targets.size() == images.size(), "SSD: ", images.size(), " images but ", targets.size(), " targets");
  for (size_t i = 0; i < targets.size(); ++i) {
    const Target& t = targets[i];
    TORCH_CHECK(t.boxes.defined() && t.boxes.dim() == 2 && t.boxes.size(-1) == 4, "SSD: target ", i,
                ": boxes must be [G, 4], got ", t.boxes.defined() ? t.boxes.sizes() : at::IntArrayRef{});
    TORCH_CHECK(t.labels.defined() && t.labels.numel() == t.boxes.size(0), "SSD: target ", i,
                ": labels must have one entry per box");
  }
  const ImageList batch = transform(images, &targets);
  for (size_t i = 0; i < targets.size(); ++i) {
    const at::Tensor& boxes = targets[i].boxes;
    if (boxes.numel() > 0) {
      const at::Tensor degenerate =
          (boxes.select(1, 2) <= boxes.select(1, 0)) | (boxes.select(1, 3) <= boxes.select(1, 1));
      TORCH_CHECK(!degenerate.any().item<bool>(), "SSD: target ", i, " has boxes with non-positive width or height");
    }
  }
  if (options_.channels_last) {
    use_channels_last(*this); // weights loaded or restored since construction may have come contiguous
  }
  std::vector<at::Tensor> features;
  const SSDHeadOutputs head_outputs = forward_heads(batch.tensors, &features);
  const auto n = static_cast<int64_t>(images.size());
  const std::vector<at::Tensor> anchors = anchor_generator_.forward(options_.size, options_.size, n, features);
  std::vector<at::Tensor> matched_idxs;
  for (size_t i = 0; i < targets.size(); ++i) {
    const at::Tensor& boxes = targets[i].boxes;
    if (boxes.numel() == 0) {
      matched_idxs.push_back(at::full({anchors[i].size(0)}, -1, anchors[i].options().dtype(at::kLong)));
      continue;
    }
    matched_idxs.push_back(matcher_(ops::box_iou(boxes, anchors[i])));
  }
  return compute_loss(targets, head_outputs, anchors, matched_idxs);
}

LossDict SSDImpl::compute_loss(const std::vector<Target>& targets, const SSDHeadOutputs& head_outputs,
                               const std::vector<at::Tensor>& anchors,
                               const std::vector<at::Tensor>& matched_idxs) const {
  const at::Tensor& bbox_regression = head_outputs.bbox_regression;
  const at::Tensor& cls_logits = head_outputs.cls_logits;
  int64_t num_foreground = 0;
  std::vector<at::Tensor> bbox_loss;
  std::vector<at::Tensor> cls_targets;
  for (size_t i = 0; i < targets.size(); ++i) {
    const auto index = static_cast<int64_t>(i);
    const at::Tensor foreground_idxs = at::where(matched_idxs[i] >= 0)[0];
    const at::Tensor foreground_matched = matched_idxs[i].index_select(0, foreground_idxs);
    num_foreground += foreground_matched.numel();

    const at::Tensor matched_gt_boxes = targets[i].boxes.index_select(0, foreground_matched);
    const at::Tensor regression = bbox_regression[index].index_select(0, foreground_idxs);
    const at::Tensor anchors_fg = anchors[i].index_select(0, foreground_idxs);
    const at::Tensor target_regression = box_coder_.encode_single(matched_gt_boxes, anchors_fg);
    bbox_loss.push_back(at::smooth_l1_loss(regression, target_regression, at::Reduction::Sum, 1.0));

    const at::Tensor& labels = targets[i].labels;
    at::Tensor gt_classes = at::zeros({cls_logits.size(1)}, labels.options());
    gt_classes.index_copy_(0, foreground_idxs, labels.index_select(0, foreground_matched));
    cls_targets.push_back(gt_classes);
  }
  const at::Tensor bbox_losses = at::stack(bbox_loss);
  const at::Tensor targets_all = at::stack(cls_targets);

  const int64_t num_classes = cls_logits.size(-1);
  const at::Tensor cls_loss =
      at::cross_entropy_loss(cls_logits.view({-1, num_classes}), targets_all.view({-1}), {}, at::Reduction::None)
          .view(targets_all.sizes());

  // Hard negative mining: per image the (1 - f) / f * positives highest-loss background boxes.
  const double neg_to_pos_ratio = (1.0 - options_.positive_fraction) / options_.positive_fraction;
  const at::Tensor foreground = targets_all > 0;
  const at::Tensor num_negative = foreground.sum(1, /*keepdim=*/true) * neg_to_pos_ratio;
  at::Tensor negative_loss = cls_loss.clone();
  negative_loss.masked_fill_(foreground, -std::numeric_limits<double>::infinity());
  const at::Tensor order = std::get<1>(negative_loss.sort(1, /*descending=*/true));
  const at::Tensor background = std::get<1>(order.sort(1)) < num_negative;

  const auto n = static_cast<double>(std::max<int64_t>(1, num_foreground));
  return {
      {"bbox_regression", bbox_losses.sum() / n},
      {"classification", (cls_loss.masked_select(foreground).sum() + cls_loss.masked_select(background).sum()) / n}};
}

namespace {

/// ops::batched_nms for candidates that come in one contiguous run per class (`counts`, classes ascending): below
/// torchvision's 4000-coordinate limit the same call; above it one nms per run, as torchvision's
/// _batched_nms_vanilla does per class, without searching the whole list for every class's members.
at::Tensor batched_nms_by_runs(const at::Tensor& boxes, const at::Tensor& scores, const at::Tensor& labels,
                               const at::Tensor& counts, double iou_threshold) {
  if (boxes.numel() <= 4000 || !boxes.device().is_cpu()) {
    return ops::batched_nms(boxes, scores, labels, iou_threshold);
  }
  at::Tensor keep_mask = at::zeros({scores.size(0)}, scores.options().dtype(at::kBool));
  const at::Tensor host_counts = counts.to(at::kCPU, at::kLong).contiguous();
  const auto* count = host_counts.data_ptr<int64_t>();
  int64_t start = 0;
  for (int64_t c = 0; c < host_counts.numel(); ++c) {
    if (count[c] > 0) {
      const at::Tensor keep =
          ops::nms(boxes.narrow(0, start, count[c]), scores.narrow(0, start, count[c]), iou_threshold);
      keep_mask.index_fill_(0, keep + start, true);
    }
    start += count[c];
  }
  const at::Tensor keep_indices = at::where(keep_mask)[0];
  const at::Tensor order = std::get<1>(scores.index_select(0, keep_indices).sort(/*dim=*/-1, /*descending=*/true));
  return keep_indices.index_select(0, order);
}

} // namespace

std::vector<Detection> SSDImpl::postprocess_detections(const SSDHeadOutputs& head_outputs,
                                                       const std::vector<at::Tensor>& anchors,
                                                       const std::vector<ImageSize>& image_sizes) const {
  const at::Tensor pred_scores = at::softmax(head_outputs.cls_logits, -1);
  std::vector<Detection> detections;
  for (size_t i = 0; i < anchors.size(); ++i) {
    const auto index = static_cast<int64_t>(i);
    at::Tensor boxes = box_coder_.decode_single(head_outputs.bbox_regression[index], anchors[i]);
    boxes = ops::clip_boxes_to_image(boxes, image_sizes[i].first, image_sizes[i].second);
    // torchvision loops over the classes: keep scores above the threshold, then their top-k. The top-k of all the
    // class's scores, cut at the threshold, is the same set in the same order, for every class in one call.
    const at::Tensor class_scores = pred_scores[index].slice(1, 1).t().contiguous(); // [K - 1, A]
    const int64_t k = std::min(options_.topk_candidates, class_scores.size(1));
    const auto [top_scores, top_idxs] = class_scores.topk(k, 1); // each row sorted, highest first
    const at::Tensor above = top_scores > options_.score_thresh; // per row, a prefix
    const at::Tensor selected = at::where(above.reshape({-1}))[0];
    const at::Tensor all_scores = top_scores.reshape({-1}).index_select(0, selected);
    const at::Tensor all_boxes = boxes.index_select(0, top_idxs.reshape({-1}).index_select(0, selected));
    const at::Tensor all_labels = at::div(selected, k, "floor") + 1;
    at::Tensor keep = batched_nms_by_runs(all_boxes, all_scores, all_labels, above.sum(1), options_.nms_thresh);
    keep = keep.slice(0, 0, std::min(options_.detections_per_img, keep.size(0)));
    Detection d;
    d.boxes = all_boxes.index_select(0, keep);
    d.scores = all_scores.index_select(0, keep);
    d.labels = all_labels.index_select(0, keep);
    detections.push_back(std::move(d));
  }
  return detections;
}

LoadReport import_torchvision_weights(SSDImpl& model, const std::string& path) {
  StateDict state = read_pth_state_dict(path);
  bool whole_model = false;
  for (const auto& kv : state) {
    if (kv.first.rfind("backbone.", 0) == 0 || kv.first.rfind("head.", 0) == 0) {
      whole_model = true;
      break;
    }
  }
  LoadOptions options;
  if (whole_model) {
    options.reinitialisable_prefixes = {"head.classification_head."};
    return load_state_dict_into(model, std::move(state), options, path);
  }
  // A classification network: its `features` go to the backbone, the classifier is dropped.
  const SSDArchitecture arch = model.options().architecture;
  StateDict mapped;
  for (auto& [name, tensor] : state) {
    std::string ours;
    if (arch == SSDArchitecture::SSD300VGG16) {
      ours = ssd_vgg16_key_from_classifier(name);
    } else {
      ours = ssdlite_key_from_classifier(arch == SSDArchitecture::SSDLiteMobileNetV2 ? SSDLiteTrunk::MobileNetV2
                                                                                     : SSDLiteTrunk::MobileNetV3Large,
                                         name);
    }
    if (!ours.empty()) {
      mapped.emplace_back(ours, tensor);
    }
  }
  if (mapped.empty()) {
    throw WeightsError(path + ": neither an SSD state dict nor a classification network's \"features.*\" weights");
  }
  options.required_prefixes = {"backbone.features."};
  options.reinitialisable_prefixes = {};
  if (arch == SSDArchitecture::SSDLiteMobileNetV3Large && model.options().reduced_tail) {
    // ImageNet MobileNetV3 has the full-width last stage; the reduced tail keeps its own initialisation there.
    options.reinitialisable_prefixes = {"backbone.features.1."};
  }
  return load_state_dict_into(model, std::move(mapped), options, path);
}

void export_torchvision_weights(const SSDImpl& model, const std::string& path) {
  write_pth_state_dict(path, module_state_dict(model));
}

} // namespace polytrain::models
