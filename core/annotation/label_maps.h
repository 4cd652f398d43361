#pragma once
// Class and instance maps from shapes, as Labelme's utils.shapes_to_label: shapes are drawn in file order, later
// shapes over earlier ones; instances are keyed by (label, group_id) in order of first appearance, and a shape
// without group_id is an instance of its own.
#include "core/annotation/labelme_document.h"
#include "core/annotation/shape_rasterizer.h"
#include "core/common/error.h"

#include <opencv2/core/mat.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace polytrain::annotation {

// Which shapes form one object instance.
struct Instance {
  std::string label;
  std::optional<int> groupId;
  std::vector<size_t> shapeIndices; // into the document's shapes, in order
};

// Groups shapes by (label, group_id) in order of first appearance; shapes without group_id stand alone.
std::vector<Instance> groupInstances(const std::vector<LabelmeShape>& shapes);

struct LabelMaps {
  cv::Mat1i classMap;    // 0 = background, else the label's value
  cv::Mat1i instanceMap; // 0 = background, else 1 + index into `instances`
  std::vector<Instance> instances;
  std::vector<Error> errors; // a label without a value, a shape that cannot be drawn
};

// `labelValues` maps label -> class value (0 is background). `path` names the file in errors.
LabelMaps shapesToLabel(cv::Size imageSize, const std::vector<LabelmeShape>& shapes,
                        const std::map<std::string, int>& labelValues, const std::string& path = {},
                        const RasterOptions& options = {});

// Label values from a labels.txt (one name a line; blank lines skipped; "__ignore__" maps to -1 and
// "_background_" to 0 as in Labelme's labelme2voc.py; other names count up from the first).
std::map<std::string, int> labelValuesFromList(const std::vector<std::string>& names);

// Label values when no list is given: "_background_" = 0 and the document's labels in sorted order from 1.
std::map<std::string, int> labelValuesSorted(const std::vector<LabelmeShape>& shapes);

} // namespace polytrain::annotation
