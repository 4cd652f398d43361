#include "core/models/detector.h"

#include "core/models/mask_rcnn.h"
#include "core/models/ssd.h"

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
  return MaskRCNN(settings);
}

SSD build_ssd(const DetectorOptions& options) {
  SSDOptions settings = ssd_options(options.name, options.num_classes);
  if (options.input_size > 0)
    settings.size = options.input_size;
  // torchvision trains every backbone layer without pretrained weights; with them, the chosen count.
  settings.trainable_backbone_layers = options.trainable_norm ? -1 : options.trainable_backbone_layers;
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
  ModelDetector(std::string name, Holder model) : name_(std::move(name)), model_(std::move(model)) {}

  const std::string& name() const override { return name_; }
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
  std::string name_;
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
      return std::make_unique<ModelDetector<MaskRCNN>>(options.name, build_mask_rcnn(options));
  for (const std::string& name : ssd_model_names())
    if (name == options.name)
      return std::make_unique<ModelDetector<SSD>>(options.name, build_ssd(options));
  throw std::invalid_argument("unknown detection model \"" + options.name + "\"");
}

void set_train_keeping_norm_statistics(torch::nn::Module& module) {
  module.train(true);
  keep_norm_in_eval(module);
}

} // namespace polytrain::models
