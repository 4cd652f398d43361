#include "core/inference/detection_conversion.h"

#include <ATen/ATen.h>

namespace polytrain::inference {

Prediction predictionFromDetection(const models::Detection& detection, const std::vector<std::string>& classNames,
                                   const ConversionOptions& options, int imageWidth, int imageHeight) {
  Prediction prediction;
  prediction.imageWidth = imageWidth;
  prediction.imageHeight = imageHeight;
  at::Tensor keep = detection.scores.ge(options.scoreThreshold).nonzero().view(-1);
  if (options.maxDetections > 0 && keep.size(0) > options.maxDetections)
    keep = keep.slice(0, 0, options.maxDetections);
  const at::Tensor boxes = detection.boxes.index_select(0, keep).to(at::kCPU).to(at::kFloat).contiguous();
  const at::Tensor scores = detection.scores.index_select(0, keep).to(at::kCPU).to(at::kFloat).contiguous();
  const at::Tensor labels = detection.labels.index_select(0, keep).to(at::kCPU).to(at::kLong).contiguous();
  at::Tensor masks;
  if (detection.masks.defined() && detection.masks.numel() > 0)
    masks = detection.masks.index_select(0, keep).gt(options.maskThreshold).to(at::kCPU).to(at::kByte).contiguous();
  const auto boxAt = boxes.accessor<float, 2>();
  const auto scoreAt = scores.accessor<float, 1>();
  const auto labelAt = labels.accessor<int64_t, 1>();
  for (int64_t index = 0; index < boxes.size(0); ++index) {
    Instance instance;
    instance.label = static_cast<int>(labelAt[index]);
    instance.className = instance.label >= 1 && instance.label <= static_cast<int>(classNames.size())
                             ? classNames[static_cast<size_t>(instance.label - 1)]
                             : "class_" + std::to_string(instance.label);
    instance.score = scoreAt[index];
    instance.box = cv::Rect2f(boxAt[index][0], boxAt[index][1], boxAt[index][2] - boxAt[index][0],
                              boxAt[index][3] - boxAt[index][1]);
    if (masks.defined()) {
      const at::Tensor mask = masks[index][0];
      const cv::Mat view(static_cast<int>(mask.size(0)), static_cast<int>(mask.size(1)), CV_8U,
                         mask.data_ptr<uint8_t>());
      instance.mask = view * 255; // 0/1 -> 0/255, a new buffer
    }
    prediction.instances.push_back(std::move(instance));
  }
  return prediction;
}

} // namespace polytrain::inference
