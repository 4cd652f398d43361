#include "core/annotation/label_maps.h"

#include <set>

namespace polytrain::annotation {

std::vector<Instance> groupInstances(const std::vector<LabelmeShape>& shapes) {
  std::vector<Instance> instances;
  std::map<std::pair<std::string, int>, size_t> grouped;
  for (size_t i = 0; i < shapes.size(); ++i) {
    const LabelmeShape& shape = shapes[i];
    if (!shape.groupId) {
      instances.push_back({shape.label, std::nullopt, {i}});
      continue;
    }
    const auto key = std::make_pair(shape.label, *shape.groupId);
    const auto found = grouped.find(key);
    if (found != grouped.end()) {
      instances[found->second].shapeIndices.push_back(i);
    } else {
      grouped.emplace(key, instances.size());
      instances.push_back({shape.label, shape.groupId, {i}});
    }
  }
  return instances;
}

LabelMaps shapesToLabel(cv::Size imageSize, const std::vector<LabelmeShape>& shapes,
                        const std::map<std::string, int>& labelValues, const std::string& path,
                        const RasterOptions& options) {
  LabelMaps maps;
  maps.classMap = cv::Mat1i::zeros(std::max(imageSize.height, 0), std::max(imageSize.width, 0));
  maps.instanceMap = cv::Mat1i::zeros(maps.classMap.size());
  maps.instances = groupInstances(shapes);
  std::vector<int> instanceOfShape(shapes.size(), 0);
  for (size_t k = 0; k < maps.instances.size(); ++k)
    for (size_t index : maps.instances[k].shapeIndices)
      instanceOfShape[index] = static_cast<int>(k) + 1;
  for (size_t i = 0; i < shapes.size(); ++i) {
    const std::string pointer = "/shapes/" + std::to_string(i);
    const auto value = labelValues.find(shapes[i].label);
    if (value == labelValues.end()) {
      maps.errors.push_back({path, pointer + "/label", "label \"" + shapes[i].label + "\" is not in the label list"});
      continue;
    }
    const MaskResult drawn = shapeToMask(imageSize, shapes[i], options);
    if (drawn.error) {
      maps.errors.push_back({path, pointer, *drawn.error});
      continue;
    }
    maps.classMap.setTo(value->second, drawn.mask);
    maps.instanceMap.setTo(instanceOfShape[i], drawn.mask);
  }
  return maps;
}

std::map<std::string, int> labelValuesFromList(const std::vector<std::string>& names) {
  std::map<std::string, int> values;
  int next = 0;
  for (const std::string& name : names) {
    if (name.empty() || values.count(name))
      continue;
    if (name == "__ignore__") {
      values[name] = -1;
      continue;
    }
    if (name == "_background_") {
      values[name] = 0;
      next = std::max(next, 1);
      continue;
    }
    if (next == 0)
      next = 1; // 0 stays background even when the list does not name it
    values[name] = next++;
  }
  return values;
}

std::map<std::string, int> labelValuesSorted(const std::vector<LabelmeShape>& shapes) {
  std::set<std::string> labels;
  for (const LabelmeShape& shape : shapes)
    labels.insert(shape.label);
  std::map<std::string, int> values{{"_background_", 0}};
  int next = 1;
  for (const std::string& label : labels)
    if (label != "_background_")
      values[label] = next++;
  return values;
}

} // namespace polytrain::annotation
