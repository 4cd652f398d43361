#include "core/dataset/instance_masks.h"

#include "core/annotation/label_maps.h"
#include "core/annotation/shape_rasterizer.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <set>

namespace polytrain::dataset {

cv::Rect maskBox(const cv::Mat1b& mask) {
  if (mask.empty())
    return {};
  return cv::boundingRect(mask); // non-zero pixels of a single-channel 8-bit image
}

InstanceMasks rasteriseInstances(const annotation::LabelmeDocument& document, cv::Size imageSize,
                                 const ClassList& classes, const std::string& path, MaskExtent extent) {
  InstanceMasks result;
  std::set<std::string> reportedLabels;
  for (const annotation::Instance& instance : annotation::groupInstances(document.shapes)) {
    if (instance.label == kIgnoreLabel) {
      result.ignoredShapes += static_cast<int>(instance.shapeIndices.size());
      continue;
    }
    const std::optional<int> classId = classes.idOf(instance.label);
    const std::string pointer = "/shapes/" + std::to_string(instance.shapeIndices.front());
    if (!classId) {
      result.unknownLabelShapes += static_cast<int>(instance.shapeIndices.size());
      if (reportedLabels.insert(instance.label).second)
        result.warnings.push_back(
            {path, pointer + "/label", "label \"" + instance.label + "\" is not a class; its shapes are skipped"});
      continue;
    }
    InstanceMask object;
    object.classId = *classId;
    object.label = instance.label;
    object.shapeIndices = instance.shapeIndices;
    // Every shape is drawn in the instance's window (the union of its shapes' extents): the same pixels as on
    // the whole image, at the cost of the instance's size.
    cv::Rect window;
    for (size_t index : instance.shapeIndices)
      window |= annotation::shapeExtent(imageSize, document.shapes[index]);
    for (size_t index : instance.shapeIndices) {
      annotation::MaskResult drawn = annotation::shapeToMask(imageSize, document.shapes[index], {}, window);
      if (drawn.error) {
        result.warnings.push_back({path, "/shapes/" + std::to_string(index), *drawn.error + "; shape skipped"});
        continue;
      }
      if (object.mask.empty())
        object.mask = std::move(drawn.mask);
      else
        cv::bitwise_or(object.mask, drawn.mask, object.mask);
    }
    object.area = object.mask.empty() ? 0 : cv::countNonZero(object.mask);
    if (object.area == 0) {
      ++result.droppedInstances;
      result.warnings.push_back(
          {path, pointer, "instance \"" + instance.label + "\" has no pixel inside the image; dropped"});
      continue;
    }
    object.box = maskBox(object.mask) + window.tl();
    if (extent == MaskExtent::Image) {
      cv::Mat1b whole = cv::Mat1b::zeros(imageSize);
      object.mask.copyTo(whole(window));
      object.mask = std::move(whole);
    } else {
      object.maskOrigin = window.tl();
    }
    result.instances.push_back(std::move(object));
  }
  return result;
}

} // namespace polytrain::dataset
