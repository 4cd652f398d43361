#include "core/models/detector.h"

#include "core/models/mask_rcnn.h"
#include "core/models/ssd.h"

#include <algorithm>
#include <stdexcept>
#include <torch/nn/modules/batchnorm.h>

namespace polytrain::models {
namespace {

MaskRCNN build_mask_rcnn(const DetectorOptions& options) {
  MaskRCNNOptions settings = mask_rcnn_options(options.name, options.num_classes);
  if (options.trainable_norm)
    settings.backbone.norm = NormSpec{NormKind::Batch, 1e-5, 32};
  settings.backbone.trainable_layers = options.trainable_norm ? -1 : options.trainable_backbone_layers;
  if (options.input_size > 0) {
    settings.transform.min_size = {options.input_size};
    // torchvision's 800/1333 aspect allowance, scaled to the chosen input size.
    settings.transform.max_size = options.input_size * 1333 / 800;
  }
  if (options.rpn_pre_nms_top_n_train > 0)
    settings.rpn.pre_nms_top_n_train = options.rpn_pre_nms_top_n_train;
  if (options.rpn_post_nms_top_n_train > 0)
    settings.rpn.post_nms_top_n_train = options.rpn_post_nms_top_n_train;
  if (options.box_batch_size_per_image > 0)
    settings.roi_heads.batch_size_per_image = options.box_batch_size_per_image;
  if (options.mask_head_channels > 0) {
    settings.roi_heads.mask_layers.assign(settings.roi_heads.mask_layers.size(), options.mask_head_channels);
    settings.roi_heads.mask_dim_reduced = options.mask_head_channels;
  }
  if (options.box_head_size > 0)
    settings.roi_heads.representation_size = options.box_head_size;
  if (!options.returned_layers.empty())
    return_backbone_layers(settings, options.returned_layers);
  if (options.fpn_norm)
    settings.backbone.fpn_norm = NormSpec{NormKind::Batch, 1e-5, 32};
  settings.roi_heads.mask_head_norm = options.mask_head_norm;
  return MaskRCNN(settings);
}

SSD build_ssd(const DetectorOptions& options) {
  SSDOptions settings = ssd_options(options.name, options.num_classes);
  if (options.input_size > 0)
    settings.size = options.input_size;
  // torchvision trains every backbone layer without pretrained weights; with them, the chosen count.
  settings.trainable_backbone_layers = options.trainable_norm ? -1 : options.trainable_backbone_layers;
  settings.reduced_tail = options.reduced_tail;
  return SSD(settings);
}

void set_limits(MaskRCNNImpl& model, double score_thresh, int64_t detections_per_img) {
  model.roi_heads->set_detection_limits(score_thresh, detections_per_img);
}

void set_limits(SSDImpl& model, double score_thresh, int64_t detections_per_img) {
  model.set_detection_limits(score_thresh, detections_per_img);
}

bool has_masks(const MaskRCNNImpl&) {
  return true;
}

bool has_masks(const SSDImpl&) {
  return false;
}

// One model family behind the Detector interface; `Holder` is its TORCH_MODULE holder (MaskRCNN, SSD).
template <typename Holder> class ModelDetector final : public Detector {
public:
  ModelDetector(DetectorOptions options, Holder model) : options_(std::move(options)), model_(std::move(model)) {}

  const std::string& name() const override { return options_.name; }
  const DetectorOptions& options() const override { return options_; }
  bool predicts_masks() const override { return has_masks(*model_); }
  torch::nn::Module& module() override { return *model_; }
  LossDict losses(const std::vector<at::Tensor>& images, std::vector<Target> targets) override {
    return model_->losses(images, std::move(targets));
  }
  std::vector<Detection> detect(const std::vector<at::Tensor>& images) override { return model_->detect(images); }
  void set_detection_limits(double score_thresh, int64_t detections_per_img) override {
    set_limits(*model_, score_thresh, detections_per_img);
  }
  LoadReport import_torchvision_weights(const std::string& path) override {
    return models::import_torchvision_weights(*model_, path);
  }
  void export_torchvision_weights(const std::string& path) override {
    models::export_torchvision_weights(*model_, path);
  }

private:
  DetectorOptions options_;
  Holder model_;
};

void keep_norm_in_eval(torch::nn::Module& module) {
  for (const auto& child : module.children()) {
    if (child->as<torch::nn::BatchNorm2d>() != nullptr)
      child->eval();
    else
      keep_norm_in_eval(*child);
  }
}

} // namespace

std::vector<std::string> detector_names() {
  std::vector<std::string> names = mask_rcnn_model_names();
  for (const std::string& name : ssd_model_names())
    names.push_back(name);
  return names;
}

std::unique_ptr<Detector> make_detector(const DetectorOptions& options) {
  for (const std::string& name : mask_rcnn_model_names())
    if (name == options.name)
      return std::make_unique<ModelDetector<MaskRCNN>>(options, build_mask_rcnn(options));
  for (const std::string& name : ssd_model_names())
    if (name == options.name)
      return std::make_unique<ModelDetector<SSD>>(options, build_ssd(options));
  throw std::invalid_argument("unknown detection model \"" + options.name + "\"");
}

void fit_options_to_weights(DetectorOptions& options, const std::string& path) {
  if (options.name != "ssdlite320_mobilenet_v3_large")
    return;
  // The tensors that show the width of MobileNetV3's last layer: the classifier's last trunk convolution, or the
  // SSDlite extra block that reads it.
  constexpr int64_t kFullTailChannels = 960;
  for (const auto& [name, tensor] : read_pth_state_dict(path)) {
    if (name == "features.16.0.weight") {
      options.reduced_tail = tensor.size(0) != kFullTailChannels;
      return;
    }
    if (name == "backbone.extra.0.0.0.weight") {
      options.reduced_tail = tensor.size(1) != kFullTailChannels;
      return;
    }
  }
}

namespace {

const std::string kDetection = "torchvision.models.detection.";

std::string python_list(const std::vector<int64_t>& values) {
  std::string text = "[";
  for (size_t i = 0; i < values.size(); ++i)
    text += (i > 0 ? ", " : "") + std::to_string(values[i]);
  return text + "]";
}

// The backbone_utils call that builds a Mask R-CNN backbone with FPN, returned layers included when chosen. An FPN
// with norm needs the extractors, which take the FPN's norm_layer (mobilenet_backbone and resnet_fpn_backbone apply
// theirs to the trunk); the trunk's FrozenBatchNorm2d is what those builders give it.
std::string mask_rcnn_backbone(const DetectorOptions& options) {
  const std::string returned =
      options.returned_layers.empty() ? "" : ", returned_layers=" + python_list(options.returned_layers);
  const bool mobilenet = options.name == "maskrcnn_mobilenet_v3_large_fpn";
  const std::string trunk =
      mobilenet ? "mobilenet_v3_large" : (options.name == "maskrcnn_resnet50_fpn" ? "resnet50" : "resnet101");
  if (options.fpn_norm) {
    const std::string body =
        "torchvision.models." + trunk + "(weights=None, norm_layer=torchvision.ops.misc.FrozenBatchNorm2d)";
    const std::string norm = ", norm_layer=torch.nn.BatchNorm2d)";
    if (mobilenet)
      return kDetection + "backbone_utils._mobilenet_extractor(" + body + ", True, 3" + returned + norm;
    return kDetection + "backbone_utils._resnet_fpn_extractor(" + body + ", 3" + returned + norm;
  }
  if (mobilenet)
    return kDetection + "backbone_utils.mobilenet_backbone(backbone_name='mobilenet_v3_large', weights=None, fpn=True" +
           returned + ")";
  return kDetection + "backbone_utils.resnet_fpn_backbone(backbone_name='" + trunk + "', weights=None" + returned + ")";
}

// ", rpn_anchor_generator=..." where the model's anchors are not MaskRCNN's default.
std::string mask_rcnn_anchors(const DetectorOptions& options) {
  MaskRCNNOptions settings = mask_rcnn_options(options.name, options.num_classes);
  if (!options.returned_layers.empty())
    return_backbone_layers(settings, options.returned_layers);
  if (settings.rpn.anchor_sizes == RPNOptions{}.anchor_sizes)
    return "";
  std::string sizes = "(";
  for (const auto& level : settings.rpn.anchor_sizes) {
    sizes += "(";
    for (const double size : level)
      sizes += std::to_string(static_cast<int64_t>(size)) + ", ";
    sizes += "), ";
  }
  sizes += ")";
  return ", rpn_anchor_generator=" + kDetection + "anchor_utils.AnchorGenerator(" + sizes + ", ((0.5, 1.0, 2.0),) * " +
         std::to_string(settings.rpn.anchor_sizes.size()) + ")";
}

// Mask R-CNN built from its parts: MaskRCNN(backbone, ...), with the four heads when their widths are not
// torchvision's.
std::string mask_rcnn_from_parts(const DetectorOptions& options) {
  const std::string k = std::to_string(options.num_classes);
  const std::string start = kDetection + "MaskRCNN(" + mask_rcnn_backbone(options);
  if (options.mask_head_channels <= 0 && options.box_head_size <= 0 && !options.mask_head_norm)
    return start + ", num_classes=" + k + mask_rcnn_anchors(options) + ")";
  const std::string box = std::to_string(options.box_head_size > 0 ? options.box_head_size : 1024);
  const std::string mask = std::to_string(options.mask_head_channels > 0 ? options.mask_head_channels : 256);
  return start + ", num_classes=None" + mask_rcnn_anchors(options) + ", box_head=" + kDetection +
         "faster_rcnn.TwoMLPHead(256 * 7 * 7, " + box + "), box_predictor=" + kDetection +
         "faster_rcnn.FastRCNNPredictor(" + box + ", " + k + "), mask_head=" + kDetection +
         "mask_rcnn.MaskRCNNHeads(256, [" + mask + "] * 4, 1" +
         (options.mask_head_norm ? ", norm_layer=torch.nn.BatchNorm2d" : "") + "), mask_predictor=" + kDetection +
         "mask_rcnn.MaskRCNNPredictor(" + mask + ", " + mask + ", " + k + "))";
}

} // namespace

std::string torchvision_builder(const DetectorOptions& options) {
  const std::string k = std::to_string(options.num_classes);
  const std::string plain = "(weights=None, weights_backbone=None, num_classes=" + k + ")";
  const auto masks = mask_rcnn_model_names();
  if (std::find(masks.begin(), masks.end(), options.name) != masks.end()) {
    const bool torchvision_parts = options.mask_head_channels <= 0 && options.box_head_size <= 0 &&
                                   options.returned_layers.empty() && !options.fpn_norm && !options.mask_head_norm;
    if (options.name == "maskrcnn_resnet50_fpn" && torchvision_parts)
      return kDetection + options.name + plain;
    return mask_rcnn_from_parts(options);
  }
  if (options.name == "ssd300_vgg16")
    return kDetection + options.name + plain;
  if (options.name == "ssdlite320_mobilenet_v3_large") {
    if (options.reduced_tail)
      return kDetection + options.name + plain;
    // torchvision builds the full tail only when given ImageNet backbone weights (which load_state_dict replaces).
    return kDetection + options.name +
           "(weights=None, weights_backbone=torchvision.models.MobileNet_V3_Large_Weights.IMAGENET1K_V1, "
           "num_classes=" +
           k + ")";
  }
  return "";
}

void set_train_keeping_norm_statistics(torch::nn::Module& module) {
  module.train(true);
  keep_norm_in_eval(module);
}

} // namespace polytrain::models
