#pragma once
// The object instances of one Labelme document as masks: shapes grouped by (label, group_id) as Labelme's
// labelme2coco.py does, each instance the union of its shapes' masks (Labelme's shape_to_mask rules), with the
// smallest box around its pixels and its pixel area. "__ignore__" shapes and labels outside the class list are not
// objects; instances without a pixel are dropped with a warning.
#include "core/annotation/labelme_document.h"
#include "core/common/error.h"
#include "core/dataset/class_list.h"

#include <opencv2/core/mat.hpp>

#include <string>
#include <vector>

namespace polytrain::dataset {

struct InstanceMask {
  int classId = 0;
  std::string label;
  std::vector<size_t> shapeIndices; // into the document's shapes, in file order
  cv::Mat1b mask;                   // 1 inside the instance; image size, or the window's with MaskExtent::Window
  cv::Point maskOrigin;             // the image pixel at mask(0, 0): (0, 0) for image-size masks
  cv::Rect box; // smallest box around the mask's pixels, in image coordinates (inclusive pixels: width = max - min + 1)
  int area = 0; // pixels in the mask
};

struct InstanceMasks {
  std::vector<InstanceMask> instances;
  int ignoredShapes = 0;       // "__ignore__" shapes
  int unknownLabelShapes = 0;  // labels not in the class list
  int droppedInstances = 0;    // instances with no pixel inside the image
  std::vector<Error> warnings; // one per unknown label, unrasterisable shape or dropped instance
};

// The smallest rectangle holding every non-zero pixel of `mask`; empty when there is none.
cv::Rect maskBox(const cv::Mat1b& mask);

// Image: every mask is image size. Window: a mask covers only its shapes' extent (clipped to the image), which is
// all that area and box need and costs the instance's size instead of the image's; the pixels are the same.
enum class MaskExtent { Image, Window };

InstanceMasks rasteriseInstances(const annotation::LabelmeDocument& document, cv::Size imageSize,
                                 const ClassList& classes, const std::string& path = {},
                                 MaskExtent extent = MaskExtent::Image);

} // namespace polytrain::dataset
