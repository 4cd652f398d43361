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

// The same shape drawn only inside `window` (a rectangle of the image): the mask is window.size() and holds exactly
// the whole-image mask's pixels there (mask(0, 0) is the image's pixel window.tl()). With the shape's extent as
// the window, it costs the shape's size instead of the image's.
MaskResult shapeToMask(cv::Size imageSize, const LabelmeShape& shape, const RasterOptions& options, cv::Rect window);

// The part of the image a shape can draw on: the box around its (truncated) points, widened by what the drawing
// adds around them (line width, point radius, a pixel or two of rounding), clipped to the image; empty when the
// shape has no pixel inside. Mask shapes get the whole image (their bitmap's size is known only once decoded).
cv::Rect shapeExtent(cv::Size imageSize, const LabelmeShape& shape, const RasterOptions& options = {});

// Decodes a mask shape's base64 PNG into a 0/1 bitmap; empty on failure.
cv::Mat1b decodeShapeMask(const std::string& base64Png);

} // namespace polytrain::annotation
