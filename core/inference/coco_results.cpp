#include "core/inference/coco_results.h"

#include <algorithm>

namespace polytrain::inference {

std::vector<evaluation::Detection> toEvaluationDetections(const Prediction& prediction, int64_t imageId) {
  std::vector<evaluation::Detection> detections;
  detections.reserve(prediction.instances.size());
  for (const Instance& instance : prediction.instances) {
    evaluation::Detection detection;
    detection.imageId = imageId;
    detection.categoryId = instance.label;
    detection.score = instance.score;
    detection.box = {instance.box.x, instance.box.y, std::max(0.0f, instance.box.width),
                     std::max(0.0f, instance.box.height)};
    if (!instance.mask.empty())
      detection.mask = evaluation::encodeMask(instance.mask);
    detections.push_back(std::move(detection));
  }
  return detections;
}

} // namespace polytrain::inference
