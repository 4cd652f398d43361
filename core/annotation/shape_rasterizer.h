#pragma once
// Shape -> binary mask exactly as Labelme's utils.shape_to_mask (Pillow ImageDraw rules): vertices truncated to
// int, outlines inclusive; circle from centre + rim point; rectangle from two opposite corners (or the bounding box
// of X-AnyLabeling's four corners); line and linestrip 10 px wide; point a disc of radius 5; a mask shape's bitmap
// pasted with its top-left at the first bbox corner (labelme >= 5.3's shapes_to_label).
#include "core/annotation/labelme_document.h"

#include <opencv2/core/mat.hpp>

#include <optional>
#include <string>

namespace polytrain::annotation {

struct RasterOptions {
  int lineWidth = 10; // Labelme's line_width
  int pointSize = 5;  // Labelme's point_size (radius)
};

struct MaskResult {
  cv::Mat1b mask;                   // imageSize, 1 inside the shape, 0 elsewhere
  std::optional<std::string> error; // set (and mask all 0) when the shape cannot be drawn
};

MaskResult shapeToMask(cv::Size imageSize, const LabelmeShape& shape, const RasterOptions& options = {});

// Decodes a mask shape's base64 PNG into a 0/1 bitmap; empty on failure.
cv::Mat1b decodeShapeMask(const std::string& base64Png);

} // namespace polytrain::annotation
