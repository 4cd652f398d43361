#include "core/dataset/training_sample.h"

#include "core/annotation/image_loading.h"
#include "core/dataset/image_cache.h"
#include "core/dataset/instance_masks.h"

#include <opencv2/core.hpp>

namespace polytrain::dataset {

Box boxOfMask(const cv::Mat1b& mask) {
  const cv::Rect box = maskBox(mask);
  if (box.empty())
    return {};
  return {static_cast<float>(box.x), static_cast<float>(box.y), static_cast<float>(box.x + box.width),
          static_cast<float>(box.y + box.height)};
}

int dropDegenerateInstances(TrainingSample& sample, const DegenerateRule& rule) {
  int dropped = 0;
  size_t kept = 0;
  for (size_t i = 0; i < sample.masks.size(); ++i) {
    const bool degenerate = cv::countNonZero(sample.masks[i]) < rule.minPixels ||
                            sample.boxes[i].width() < static_cast<float>(rule.minSide) ||
                            sample.boxes[i].height() < static_cast<float>(rule.minSide);
    if (degenerate) {
      ++dropped;
      continue;
    }
    if (kept != i) {
      sample.masks[kept] = std::move(sample.masks[i]);
      sample.boxes[kept] = sample.boxes[i];
      sample.labels[kept] = sample.labels[i];
    }
    ++kept;
  }
  sample.masks.resize(kept);
  sample.boxes.resize(kept);
  sample.labels.resize(kept);
  return dropped;
}

SampleResult loadSample(const DatasetItem& item, const ClassList& classes, ImageCache* cache,
                        const DegenerateRule& rule) {
  SampleResult result;
  const std::string cacheKey = item.imageFile.empty() ? item.jsonPath + "#" + item.key : item.imageFile;
  cv::Mat image;
  if (cache)
    if (std::optional<cv::Mat> cached = cache->find(cacheKey))
      image = *cached;
  if (image.empty()) {
    annotation::ImageLoadResult loaded = annotation::loadDocumentImage(item.document, item.jsonPath);
    result.warnings = loaded.warnings;
    if (loaded.image.empty()) {
      result.errors = loaded.errors;
      return result;
    }
    image = loaded.image;
    if (cache)
      cache->insert(cacheKey, image);
  }
  InstanceMasks instances = rasteriseInstances(item.document, image.size(), classes, item.jsonPath);
  result.warnings.insert(result.warnings.end(), instances.warnings.begin(), instances.warnings.end());
  result.droppedInstances = instances.droppedInstances;
  TrainingSample sample;
  sample.image = image;
  sample.source = item.jsonPath;
  for (InstanceMask& instance : instances.instances) {
    sample.boxes.push_back(boxOfMask(instance.mask));
    sample.masks.push_back(std::move(instance.mask));
    sample.labels.push_back(instance.classId);
  }
  const int degenerate = dropDegenerateInstances(sample, rule);
  if (degenerate > 0)
    result.warnings.push_back(
        {item.jsonPath, "",
         std::to_string(degenerate) + " degenerate instance(s) (too few pixels or too thin) dropped"});
  result.droppedInstances += degenerate;
  result.sample = std::move(sample);
  return result;
}

} // namespace polytrain::dataset
