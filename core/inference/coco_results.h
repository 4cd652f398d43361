#pragma once
// Predictions as COCO results JSON (image_id, category_id, bbox [x, y, w, h], score, segmentation as compressed
// RLE), the format pycocotools' loadRes and `polytrain-cli eval --detections` read.
#include "core/common/error.h"
#include "core/evaluation/eval_types.h"
#include "core/inference/predictor.h"

#include <optional>
#include <string>
#include <vector>

namespace polytrain::inference {

/// The evaluation's detections for one image (category ids are the model's labels).
std::vector<evaluation::Detection> toEvaluationDetections(const Prediction& prediction, int64_t imageId);

} // namespace polytrain::inference
