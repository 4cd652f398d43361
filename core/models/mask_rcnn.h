// Mask R-CNN mirroring torchvision.models.detection.MaskRCNN (0.14): module names, defaults and numerics, with
// torchvision weight import/export. Model names: maskrcnn_resnet50_fpn, maskrcnn_resnet101_fpn,
// maskrcnn_mobilenet_v3_large_fpn (torchvision's fasterrcnn_mobilenet_v3_large_fpn backbone plus mask heads).
#pragma once

#include "core/models/backbone.h"
#include "core/models/detection_types.h"
#include "core/models/roi_heads.h"
#include "core/models/rpn.h"
#include "core/models/transform.h"
#include "core/models/weights.h"

#include <string>
#include <vector>

namespace polytrain::models {

struct MaskRCNNOptions {
  std::string name = "maskrcnn_resnet50_fpn";
  BackboneOptions backbone;
  TransformOptions transform;
  RPNOptions rpn;
  RoIHeadsOptions roi_heads; ///< roi_heads.num_classes is the class count (background included)
};

/// torchvision's defaults for a model name, as its builder with weights=None and the given class count sets them,
/// except the norm: frozen batch norm (as for fine-tuning from imported weights) with trainable_layers 3. Set
/// backbone.norm for training from scratch. Throws std::invalid_argument on an unknown name.
MaskRCNNOptions mask_rcnn_options(const std::string& name, int64_t num_classes = 91);

/// Feeds the FPN from other backbone stages (torchvision's returned_layers: ResNet layers 1..4, MobileNetV3 stages
/// 0..5) and sets one anchor level per returned map plus the pool level, as a torchvision user must when passing
/// returned_layers: MobileNetV3 keeps every size at every level, ResNet gets 8x each level's stride.
void return_backbone_layers(MaskRCNNOptions& settings, const std::vector<int64_t>& layers);

/// The model names mask_rcnn_options accepts.
std::vector<std::string> mask_rcnn_model_names();

class MaskRCNNImpl : public torch::nn::Module {
public:
  explicit MaskRCNNImpl(const MaskRCNNOptions& options);

  /// Eval mode: images [3, H, W] float in [0, 1] (any sizes) -> boxes, labels, scores and masks at each image's
  /// resolution. Train mode: pass targets (in image coordinates) -> losses in torchvision's names.
  std::vector<Detection> detect(const std::vector<at::Tensor>& images);
  LossDict losses(const std::vector<at::Tensor>& images, std::vector<Target> targets);

  const MaskRCNNOptions& options() const { return options_; }
  GeneralizedRCNNTransform& transform() { return transform_; }

  BackboneWithFPN backbone{nullptr};
  RegionProposalNetwork rpn{nullptr};
  RoIHeads roi_heads{nullptr};

private:
  void use_channels_last_where_chosen();

  MaskRCNNOptions options_;
  GeneralizedRCNNTransform transform_;
};
TORCH_MODULE(MaskRCNN);

/// Loads a torchvision .pth into the model: a whole detection model's state dict (legacy names mapped; predictors
/// re-initialised and reported when the class count differs) or a classification backbone's (ResNet "conv1...",
/// "layerN..."; MobileNetV3 "features.N..."; the classifier is ignored). Throws WeightsError.
LoadReport import_torchvision_weights(MaskRCNNImpl& model, const std::string& path);

/// Writes the model's state dict as torchvision names it; torchvision's builder for the same name and class
/// count loads it with load_state_dict(torch.load(path)). Throws WeightsError.
void export_torchvision_weights(const MaskRCNNImpl& model, const std::string& path);

} // namespace polytrain::models
