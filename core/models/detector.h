// The one interface the trainer, the evaluator and the predictor use for every detection model (Mask R-CNN now,
// SSD next), and the factory that builds a model by its name.
#pragma once

#include "core/models/detection_types.h"
#include "core/models/weights.h"

#include <memory>
#include <string>
#include <torch/nn/module.h>
#include <vector>

namespace polytrain::models {

struct DetectorOptions {
  std::string name = "maskrcnn_mobilenet_v3_large_fpn";
  int64_t num_classes = 2;     ///< including the background
  int64_t input_size = 0;      ///< shorter image side for Mask R-CNN; 0 keeps the model's default
  bool trainable_norm = false; ///< BatchNorm for training from scratch instead of frozen statistics
  int64_t trainable_backbone_layers = 3;
  int64_t rpn_pre_nms_top_n_train = 0; ///< 0 keeps torchvision's default
  int64_t rpn_post_nms_top_n_train = 0;
  int64_t box_batch_size_per_image = 0;
  /// SSDlite MobileNetV3: torchvision's half-width last stage, its choice without ImageNet backbone weights; false
  /// builds the full 960-channel tail that ImageNet mobilenet_v3_large weights have (torchvision's choice with
  /// weights_backbone). fit_options_to_weights sets it from a weights file.
  bool reduced_tail = true;
  /// Mask R-CNN head widths (0 keeps torchvision's: 256-channel mask convolutions, a 1024-wide box head). Narrower
  /// heads are what make training on a CPU fast: the mask head's four 3x3 convolutions over every positive RoI
  /// are most of a training step. A model with other widths no longer fits torchvision's builder.
  int64_t mask_head_channels = 0;
  int64_t box_head_size = 0;
  /// Mask R-CNN: the backbone stages feeding the FPN (torchvision's returned_layers); empty keeps torchvision's.
  /// The anchors follow: MobileNetV3 every size at every level (as torchvision's), ResNet 8x each level's stride.
  std::vector<int64_t> returned_layers;
  /// Mask R-CNN: BatchNorm in the FPN and in the mask head's convolutions, as torchvision's v2 models have.
  bool fpn_norm = false;
  bool mask_head_norm = false;
};

class Detector {
public:
  virtual ~Detector() = default;

  virtual const std::string& name() const = 0;
  virtual const DetectorOptions& options() const = 0; ///< what the model was built with
  virtual bool predicts_masks() const = 0;
  virtual torch::nn::Module& module() = 0;

  /// Train mode: images [3, H, W] float in [0, 1] with their targets -> losses in torchvision's names.
  virtual LossDict losses(const std::vector<at::Tensor>& images, std::vector<Target> targets) = 0;
  /// Eval mode: detections at each image's own resolution (masks as probabilities [D, 1, H, W]).
  virtual std::vector<Detection> detect(const std::vector<at::Tensor>& images) = 0;

  /// Eval: detections scoring below `score_thresh` are dropped, and at most `detections_per_img` kept, inside the
  /// model, before the mask head runs, so a predictor showing only confident detections skips the mask work on the
  /// rest. Models without such a step ignore it (the predictor filters their output anyway).
  virtual void set_detection_limits(double /*score_thresh*/, int64_t /*detections_per_img*/) {}

  virtual LoadReport import_torchvision_weights(const std::string& path) = 0;
  virtual void export_torchvision_weights(const std::string& path) = 0;
};

std::vector<std::string> detector_names();
/// Throws std::invalid_argument naming the model when the name is unknown.
std::unique_ptr<Detector> make_detector(const DetectorOptions& options);

/// Sets the options a torchvision weights file fixes, so that the file loads completely: for SSDlite MobileNetV3 the
/// tail width (the full tail with an ImageNet mobilenet_v3_large file, as torchvision builds the model with
/// weights_backbone; a whole SSDlite state dict's own width). Other models are left alone. Throws WeightsError
/// naming the file.
void fit_options_to_weights(DetectorOptions& options, const std::string& path);

/// The Python expression that builds the model with torchvision 0.14 so that an exported state dict loads strictly;
/// empty for ssdlite320_mobilenet_v2, which torchvision has no builder for.
std::string torchvision_builder(const DetectorOptions& options);

/// Train mode for the model except its BatchNorm layers, which stay in eval mode: validation losses computed
/// this way do not move the running statistics with test data.
void set_train_keeping_norm_statistics(torch::nn::Module& module);

} // namespace polytrain::models
