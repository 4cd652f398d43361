#include "core/inference/checkpoint_build.h"

#include "core/training/detector_options.h"

namespace polytrain::inference {

models::DetectorOptions detectorOptionsOfCheckpoint(const models::CheckpointInfo& info, const std::string& path) {
  Error error;
  auto config = training::fromJson(info.config_json, path, error);
  if (!config) {
    config = training::TrainingConfig{}; // a checkpoint without a config: torchvision's build, trained from scratch
    config->inputSize = 0;
  }
  config->model = info.model_name;
  models::DetectorOptions options = training::detectorOptionsOf(*config, info.classes.size(), false);
  options.reduced_tail = info.reduced_tail; // recorded by the checkpoint itself; the weights file may be gone
  return options;
}

} // namespace polytrain::inference
