#include "core/models/mask_rcnn.h"

#include "core/models/memory_format.h"

#include <ATen/ATen.h>

#include <stdexcept>

namespace polytrain::models {

std::vector<std::string> mask_rcnn_model_names() {
  return {"maskrcnn_resnet50_fpn", "maskrcnn_resnet101_fpn", "maskrcnn_mobilenet_v3_large_fpn"};
}

MaskRCNNOptions mask_rcnn_options(const std::string& name, int64_t num_classes) {
  MaskRCNNOptions o;
  o.name = name;
  o.roi_heads.num_classes = num_classes;
  if (name == "maskrcnn_resnet50_fpn" || name == "maskrcnn_resnet101_fpn") {
    o.backbone.kind = name == "maskrcnn_resnet50_fpn" ? BackboneKind::ResNet50 : BackboneKind::ResNet101;
    o.backbone.trainable_layers = 3;
    return o;
  }
  if (name == "maskrcnn_mobilenet_v3_large_fpn") {
    // torchvision's _fasterrcnn_mobilenet_v3_large_fpn: returned stages 4 and 5 (C4, C5) plus the pool level,
    // anchors ((32, 64, 128, 256, 512),) * 3, rpn_score_thresh 0.05.
    o.backbone.kind = BackboneKind::MobileNetV3Large;
    o.backbone.trainable_layers = 3;
    o.rpn.anchor_sizes = std::vector<std::vector<double>>(3, {32, 64, 128, 256, 512});
    o.rpn.aspect_ratios = std::vector<std::vector<double>>(3, {0.5, 1.0, 2.0});
    o.rpn.score_thresh = 0.05;
    o.backbone.channels_last = true;
    return o;
  }
  throw std::invalid_argument("unknown model '" + name + "'");
}

// MobileNetV3's anchors are every size at every level because torchvision's two maps have one stride; ResNet's
// defaults are 8x each level's stride (layer1: stride 4, anchors of 32), kept for the chosen levels.
void return_backbone_layers(MaskRCNNOptions& settings, const std::vector<int64_t>& layers) {
  settings.backbone.returned_layers = layers;
  const size_t levels = layers.size() + 1;
  settings.rpn.aspect_ratios.assign(levels, {0.5, 1.0, 2.0});
  if (settings.backbone.kind == BackboneKind::MobileNetV3Large) {
    settings.rpn.anchor_sizes.assign(levels, {32, 64, 128, 256, 512});
    return;
  }
  settings.rpn.anchor_sizes.clear();
  for (const int64_t layer : layers)
    settings.rpn.anchor_sizes.push_back({32.0 * static_cast<double>(int64_t{1} << (layer - 1))});
  settings.rpn.anchor_sizes.push_back({2.0 * settings.rpn.anchor_sizes.back().front()});
}

MaskRCNNImpl::MaskRCNNImpl(const MaskRCNNOptions& options) : options_(options), transform_(options.transform) {
  backbone = register_module("backbone", make_backbone_with_fpn(options.backbone));
  rpn = register_module("rpn", RegionProposalNetwork(options.rpn, backbone->out_channels));
  roi_heads = register_module("roi_heads", RoIHeads(options.roi_heads, backbone->out_channels));
  use_channels_last_where_chosen();
}

void MaskRCNNImpl::use_channels_last_where_chosen() {
  // The RPN head convolves the FPN maps, so it follows their layout; the box head is linear, and the mask head
  // chooses its own layout (RoIAlign's output is contiguous).
  if (options_.backbone.channels_last) {
    use_channels_last(*backbone);
    use_channels_last(*rpn);
  }
  roi_heads->use_channels_last_where_chosen();
}

std::vector<Detection> MaskRCNNImpl::detect(const std::vector<at::Tensor>& images) {
  TORCH_CHECK(!is_training(), "MaskRCNN::detect needs eval mode (call eval())");
  std::vector<ImageSize> original;
  for (const auto& img : images) {
    original.emplace_back(img.size(-2), img.size(-1));
  }
  const ImageList batch = transform_.forward(images, nullptr, false);
  const FeatureList features = backbone->forward(batch.tensors);
  auto proposals = rpn->forward(batch, features, nullptr).first;
  auto detections = roi_heads->forward(features, proposals, batch.image_sizes, nullptr).first;
  transform_.postprocess(detections, batch.image_sizes, original);
  return detections;
}

LossDict MaskRCNNImpl::losses(const std::vector<at::Tensor>& images, std::vector<Target> targets) {
  TORCH_CHECK(is_training(), "MaskRCNN::losses needs train mode (call train())");
  TORCH_CHECK(targets.size() == images.size(), "MaskRCNN: ", images.size(), " images but ", targets.size(), " targets");
  for (size_t i = 0; i < targets.size(); ++i) {
    const Target& t = targets[i];
    TORCH_CHECK(t.boxes.dim() == 2 && t.boxes.size(-1) == 4, "MaskRCNN: target ", i, ": boxes must be [G, 4], got ",
                t.boxes.sizes());
    TORCH_CHECK(t.labels.numel() == t.boxes.size(0) && t.masks.defined() && t.masks.size(0) == t.boxes.size(0),
                "MaskRCNN: target ", i, ": labels and masks must have one entry per box");
    if (t.boxes.numel() > 0) {
      const at::Tensor degenerate =
          (t.boxes.select(1, 2) <= t.boxes.select(1, 0)) | (t.boxes.select(1, 3) <= t.boxes.select(1, 1));
      TORCH_CHECK(!degenerate.any().item<bool>(), "MaskRCNN: target ", i,
                  " has boxes with non-positive width or height");
    }
  }
  use_channels_last_where_chosen(); // weights loaded or restored since construction may have come contiguous
  const ImageList batch = transform_.forward(images, &targets, true);
  const FeatureList features = backbone->forward(batch.tensors);
  auto [proposals, rpn_losses] = rpn->forward(batch, features, &targets);
  auto detector_losses = roi_heads->forward(features, proposals, batch.image_sizes, &targets).second;
  LossDict all = std::move(detector_losses);
  all.insert(all.end(), rpn_losses.begin(), rpn_losses.end());
  return all;
}

LoadReport import_torchvision_weights(MaskRCNNImpl& model, const std::string& path) {
  StateDict state = read_pth_state_dict(path);
  bool whole_model = false;
  for (const auto& kv : state) {
    if (kv.first.rfind("backbone.", 0) == 0 || kv.first.rfind("rpn.", 0) == 0 || kv.first.rfind("roi_heads.", 0) == 0) {
      whole_model = true;
      break;
    }
  }
  LoadOptions options;
  if (whole_model) {
    return load_state_dict_into(model, std::move(state), options, path);
  }
  // A classification network: its trunk goes to backbone.body, the classifier is dropped.
  StateDict mapped;
  for (auto& [name, tensor] : state) {
    std::string n = name;
    if (n.rfind("features.", 0) == 0) {
      n = n.substr(9);
    }
    mapped.emplace_back("backbone.body." + n, tensor);
  }
  options.required_prefixes = {"backbone.body."};
  options.ignored_prefixes = {"backbone.body.fc.", "backbone.body.classifier."};
  if (model.options().backbone.kind != BackboneKind::MobileNetV3Large) {
    // ResNet trunk cut after the last returned layer: later layers of the classifier are not ours.
    options.reject_unexpected = false;
  }
  LoadReport report = load_state_dict_into(model, std::move(mapped), options, path);
  return report;
}

void export_torchvision_weights(const MaskRCNNImpl& model, const std::string& path) {
  write_pth_state_dict(path, module_state_dict(model));
}

} // namespace polytrain::models
