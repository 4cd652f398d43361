// SSD detectors mirroring torchvision.models.detection.SSD (0.14): module and parameter names, defaults and
// numerics, with torchvision weight import/export. Model names: ssdlite320_mobilenet_v3_large and ssd300_vgg16
// (torchvision's builders) and ssdlite320_mobilenet_v2 (SSDlite on torchvision's mobilenet_v2, our addition).
#pragma once

#include "core/models/detection_types.h"
#include "core/models/ssd_head.h"
#include "core/models/weights.h"
#include "core/ops/anchors.h"
#include "core/ops/box_coder.h"
#include "core/ops/matcher.h"

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace polytrain::models {

enum class SSDArchitecture { SSDLiteMobileNetV3Large, SSDLiteMobileNetV2, SSD300VGG16 };

struct SSDOptions {
  std::string name = "ssdlite320_mobilenet_v3_large";
  SSDArchitecture architecture = SSDArchitecture::SSDLiteMobileNetV3Large;
  int64_t num_classes = 91; ///< including the background
  int64_t size = 320;       ///< images are resized to size x size
  std::array<double, 3> image_mean = {0.5, 0.5, 0.5};
  std::array<double, 3> image_std = {0.5, 0.5, 0.5};
  double score_thresh = 0.001;
  double nms_thresh = 0.55;
  int64_t detections_per_img = 300;
  int64_t topk_candidates = 300;
  double iou_thresh = 0.5;
  double positive_fraction = 0.25; ///< hard negatives: (1 - f) / f negatives per positive (3:1)
  // DefaultBoxGenerator
  std::vector<std::vector<double>> aspect_ratios;
  double min_ratio = 0.15;
  double max_ratio = 0.9;
  std::optional<std::vector<double>> scales;
  std::optional<std::vector<int64_t>> steps;
  int64_t trainable_backbone_layers = -1; ///< -1: all (torchvision's default without pretrained weights)
  bool reduced_tail = true;               ///< SSDlite MobileNetV3 only, see SSDLiteBackboneOptions
  /// SSDlite eval without gradients: run with BatchNorm folded into the convolutions (FoldedSSDLiteForward).
  bool fold_batch_norm_in_eval = true;
  /// Run backbone and heads on channels-last memory (see memory_format.h): faster here for every SSD (SSD300-VGG16
  /// too: 0.89x eval and train step with 2 threads).
  bool channels_last = true;
};

class FoldedSSDLiteForward;

/// torchvision's defaults for a model name as its builder sets them with weights=None, weights_backbone=None and
/// the given class count. Throws std::invalid_argument on an unknown name.
SSDOptions ssd_options(const std::string& name, int64_t num_classes = 91);

/// The model names ssd_options accepts.
std::vector<std::string> ssd_model_names();

class SSDImpl : public torch::nn::Module {
public:
  explicit SSDImpl(const SSDOptions& options);

  /// Eval mode: images [3, H, W] float in [0, 1] (any sizes) -> boxes, labels and scores at each image's
  /// resolution (masks undefined). Train mode: targets in image coordinates (masks ignored) -> losses
  /// bbox_regression and classification.
  std::vector<Detection> detect(const std::vector<at::Tensor>& images);
  LossDict losses(const std::vector<at::Tensor>& images, std::vector<Target> targets);

  const SSDOptions& options() const { return options_; }
  /// Eval: the candidate score threshold and the detection cap. Detections above the threshold are the same as
  /// without it (a lower-scored box never suppresses a higher one), so a predictor that shows only confident
  /// detections can raise it and skip the NMS work on the rest.
  void set_detection_limits(double score_thresh, int64_t detections_per_img);
  /// Default boxes for a batch of the model's fixed size, [A, 4] xyxy pixels.
  at::Tensor default_boxes(const std::vector<at::Tensor>& feature_maps, int64_t num_images) const;
  /// Backbone and heads on a batch of the model's size (already normalised); the folded path in eval without
  /// gradients where it applies.
  SSDHeadOutputs forward_heads(const at::Tensor& batch, std::vector<at::Tensor>* feature_maps = nullptr);

  std::shared_ptr<SSDBackboneImpl> backbone;
  SSDHead head{nullptr};

private:
  /// GeneralizedRCNNTransform with fixed_size and size_divisible 1: normalise, resize, stack.
  ImageList transform(const std::vector<at::Tensor>& images, std::vector<Target>* targets) const;
  LossDict compute_loss(const std::vector<Target>& targets, const SSDHeadOutputs& head_outputs,
                        const std::vector<at::Tensor>& anchors, const std::vector<at::Tensor>& matched_idxs) const;
  std::vector<Detection> postprocess_detections(const SSDHeadOutputs& head_outputs,
                                                const std::vector<at::Tensor>& anchors,
                                                const std::vector<ImageSize>& image_sizes) const;

  SSDOptions options_;
  std::shared_ptr<FoldedSSDLiteForward> folded_; ///< null when folding does not apply
  ops::DefaultBoxGenerator anchor_generator_;
  ops::BoxCoder box_coder_;
  ops::SSDMatcher matcher_;
};
TORCH_MODULE(SSD);

/// Loads a torchvision .pth into the model: a whole SSD state dict (classification head re-initialised and reported
/// when the class count differs) or a classification backbone's (vgg16 / mobilenet_v3_large / mobilenet_v2
/// "features.N..."; the classifier is ignored; MobileNetV3 tail layers whose width differs from the reduced tail are
/// reported as re-initialised). Throws WeightsError.
LoadReport import_torchvision_weights(SSDImpl& model, const std::string& path);

/// Writes the model's state dict as torchvision names it; torchvision's builder for the same name and class count
/// (weights_backbone=None for SSDlite) loads it with load_state_dict(torch.load(path)). Throws WeightsError.
void export_torchvision_weights(const SSDImpl& model, const std::string& path);

} // namespace polytrain::models
