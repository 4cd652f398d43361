#include "core/training/detector_options.h"

namespace polytrain::training {

models::DetectorOptions detectorOptionsOf(const TrainingConfig& config, size_t classCount, bool fitToWeights) {
  models::DetectorOptions options;
  options.name = config.model;
  options.num_classes = static_cast<int64_t>(classCount) + 1;
  options.input_size = config.inputSize;
  options.trainable_norm = config.pretrainedWeights.empty(); // from scratch: BatchNorm learns; pretrained: frozen
  options.trainable_backbone_layers = config.trainableBackboneLayers;
  options.rpn_pre_nms_top_n_train = config.rpnPreNmsTopNTrain;
  options.rpn_post_nms_top_n_train = config.rpnPostNmsTopNTrain;
  options.box_batch_size_per_image = config.boxBatchSizePerImage;
  options.mask_head_channels = config.maskHeadChannels;
  options.box_head_size = config.boxHeadSize;
  if (isMaskModel(config.model))
    options.returned_layers.assign(config.returnedLayers.begin(), config.returnedLayers.end());
  options.fpn_norm = config.fpnNorm;
  options.mask_head_norm = config.maskHeadNorm;
  if (fitToWeights && !config.pretrainedWeights.empty())
    models::fit_options_to_weights(options, config.pretrainedWeights);
  return options;
}

} // namespace polytrain::training
