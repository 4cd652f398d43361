#include "core/annotation/shape_rasterizer.h"

#include "core/annotation/base64.h"
#include "core/annotation/labelme_validation.h"
#include "core/annotation/pil_draw.h"

#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace polytrain::annotation {
namespace {

// Pillow converts float coordinates to int by truncation toward zero.
int truncated(double value) {
  return static_cast<int>(value);
}

pil::IntPoint truncated(const cv::Point2d& point) {
  return {truncated(point.x), truncated(point.y)};
}

bool drawable(const cv::Point2d& point) {
  return std::isfinite(point.x) && std::isfinite(point.y) && std::fabs(point.x) <= kMaxCoordinate &&
         std::fabs(point.y) <= kMaxCoordinate;
}

void drawEllipseBox(cv::Mat1b& mask, cv::Point origin, double x0, double y0, double x1, double y1) {
  pil::fillEllipse(mask, truncated(x0), truncated(y0), truncated(x1), truncated(y1), 1, origin);
}

void drawLines(cv::Mat1b& mask, cv::Point origin, const std::vector<cv::Point2d>& points, int width) {
  if (points.size() < 2)
    return;
  if (width <= 1) {
    for (size_t i = 0; i + 1 < points.size(); ++i)
      pil::thinLine(mask, truncated(points[i]), truncated(points[i + 1]), 1, origin);
    const pil::IntPoint last = truncated(points.back());
    pil::setPixel(mask, last.x, last.y, 1, origin);
    return;
  }
  for (size_t i = 0; i + 1 < points.size(); ++i)
    pil::wideLine(mask, truncated(points[i]), truncated(points[i + 1]), width, 1, origin);
}

// `mask` covers the image's pixels from `origin` on.
void pasteMask(cv::Mat1b& mask, cv::Point origin, const cv::Point2d& corner, const cv::Mat1b& bitmap) {
  const int left = truncated(corner.x) - origin.x;
  const int top = truncated(corner.y) - origin.y;
  for (int y = 0; y < bitmap.rows; ++y) {
    const int row = top + y;
    if (row < 0 || row >= mask.rows)
      continue;
    for (int x = 0; x < bitmap.cols; ++x) {
      const int column = left + x;
      if (column >= 0 && column < mask.cols)
        mask(row, column) = bitmap(y, x) ? 1 : 0;
    }
  }
}

// The integer box [x0, x1] x [y0, y1] grown by `margin`, as a cv::Rect clipped to the image (64-bit on the way:
// coordinates reach kMaxCoordinate and circles twice that).
cv::Rect clippedBox(cv::Size imageSize, int64_t x0, int64_t y0, int64_t x1, int64_t y1, int64_t margin) {
  const int64_t left = std::max<int64_t>(x0 - margin, 0), top = std::max<int64_t>(y0 - margin, 0);
  const int64_t right = std::min<int64_t>(x1 + margin + 1, imageSize.width);
  const int64_t bottom = std::min<int64_t>(y1 + margin + 1, imageSize.height);
  if (right <= left || bottom <= top)
    return {};
  return {int(left), int(top), int(right - left), int(bottom - top)};
}

} // namespace

cv::Mat1b decodeShapeMask(const std::string& base64Png) {
  const std::optional<std::string> bytes = decodeBase64(base64Png);
  if (!bytes || bytes->empty())
    return {};
  cv::Mat decoded;
  try {
    decoded = cv::imdecode(cv::Mat(1, static_cast<int>(bytes->size()), CV_8U, const_cast<char*>(bytes->data())),
                           cv::IMREAD_GRAYSCALE);
  } catch (const cv::Exception&) {
    return {};
  }
  if (decoded.empty())
    return {};
  cv::Mat1b binary;
  cv::compare(decoded, 0, binary, cv::CMP_NE); // 255 where set
  binary /= 255;
  return binary;
}

MaskResult shapeToMask(cv::Size imageSize, const LabelmeShape& shape, const RasterOptions& options) {
  return shapeToMask(imageSize, shape, options,
                     cv::Rect(0, 0, std::max(imageSize.width, 0), std::max(imageSize.height, 0)));
}

cv::Rect shapeExtent(cv::Size imageSize, const LabelmeShape& shape, const RasterOptions& options) {
  const std::vector<cv::Point2d>& points = shape.points;
  const cv::Rect image(0, 0, std::max(imageSize.width, 0), std::max(imageSize.height, 0));
  if (points.empty() || !std::all_of(points.begin(), points.end(), drawable))
    return {};
  int64_t x0 = truncated(points[0].x), y0 = truncated(points[0].y), x1 = x0, y1 = y0;
  for (const cv::Point2d& p : points) {
    x0 = std::min<int64_t>(x0, truncated(p.x)), y0 = std::min<int64_t>(y0, truncated(p.y));
    x1 = std::max<int64_t>(x1, truncated(p.x)), y1 = std::max<int64_t>(y1, truncated(p.y));
  }
  // The scan-line filler rounds float crossings and widens shared corners by a pixel: 2 covers both.
  constexpr int64_t kRounding = 2;
  switch (knownShapeType(shape.shapeType)) {
  case ShapeKind::Circle: {
    if (points.size() != 2)
      return {};
    const double cx = points[0].x, cy = points[0].y;
    const double d = std::sqrt((cx - points[1].x) * (cx - points[1].x) + (cy - points[1].y) * (cy - points[1].y));
    return clippedBox(imageSize, truncated(cx - d), truncated(cy - d), truncated(cx + d), truncated(cy + d), kRounding);
  }
  case ShapeKind::Point: {
    const double r = options.pointSize;
    return clippedBox(imageSize, truncated(points[0].x - r), truncated(points[0].y - r), truncated(points[0].x + r),
                      truncated(points[0].y + r), kRounding);
  }
  case ShapeKind::Line:
  case ShapeKind::LineStrip: // a wide segment's corners lie half the width (rounded up) off its ends
    return clippedBox(imageSize, x0, y0, x1, y1, std::max(options.lineWidth, 1) + kRounding);
  case ShapeKind::Mask:
    return image;
  default:
    return clippedBox(imageSize, x0, y0, x1, y1, kRounding);
  }
}

MaskResult shapeToMask(cv::Size imageSize, const LabelmeShape& shape, const RasterOptions& options, cv::Rect window) {
  MaskResult result;
  window &= cv::Rect(0, 0, std::max(imageSize.width, 0), std::max(imageSize.height, 0));
  result.mask = cv::Mat1b::zeros(window.height, window.width);
  cv::Mat1b& mask = result.mask;
  const cv::Point origin = window.tl();
  const std::vector<cv::Point2d>& points = shape.points;
  if (!std::all_of(points.begin(), points.end(), drawable)) {
    result.error = "coordinates out of range";
    return result;
  }
  auto need = [&](bool ok, const char* what) {
    if (!ok)
      result.error = std::string(what) + ", got " + std::to_string(points.size()) + " points";
    return ok;
  };
  switch (knownShapeType(shape.shapeType)) {
  case ShapeKind::Circle: {
    if (!need(points.size() == 2, "circle needs 2 points"))
      break;
    const double cx = points[0].x, cy = points[0].y;
    const double d = std::sqrt((cx - points[1].x) * (cx - points[1].x) + (cy - points[1].y) * (cy - points[1].y));
    drawEllipseBox(mask, origin, cx - d, cy - d, cx + d, cy + d);
    break;
  }
  case ShapeKind::Rectangle: {
    if (!need(points.size() == 2 || points.size() == 4, "rectangle needs 2 (or 4) points"))
      break;
    if (points.size() == 2) {
      pil::fillRectangle(mask, truncated(points[0].x), truncated(points[0].y), truncated(points[1].x),
                         truncated(points[1].y), 1, origin);
    } else { // X-AnyLabeling: four corners; Labelme would need two, we take the bounding box
      double x0 = points[0].x, y0 = points[0].y, x1 = x0, y1 = y0;
      for (const cv::Point2d& p : points) {
        x0 = std::min(x0, p.x), y0 = std::min(y0, p.y), x1 = std::max(x1, p.x), y1 = std::max(y1, p.y);
      }
      pil::fillRectangle(mask, truncated(x0), truncated(y0), truncated(x1), truncated(y1), 1, origin);
    }
    break;
  }
  case ShapeKind::Line:
    if (need(points.size() == 2, "line needs 2 points"))
      drawLines(mask, origin, points, options.lineWidth);
    break;
  case ShapeKind::LineStrip:
    drawLines(mask, origin, points, options.lineWidth);
    break;
  case ShapeKind::Point: {
    if (!need(points.size() == 1, "point needs 1 point"))
      break;
    const double r = options.pointSize;
    drawEllipseBox(mask, origin, points[0].x - r, points[0].y - r, points[0].x + r, points[0].y + r);
    break;
  }
  case ShapeKind::Mask: {
    if (!need(points.size() == 2, "mask needs 2 bbox points"))
      break;
    const cv::Mat1b bitmap = shape.mask ? decodeShapeMask(*shape.mask) : cv::Mat1b();
    if (bitmap.empty()) {
      result.error = "mask shape without a decodable mask";
      break;
    }
    pasteMask(mask, origin, points[0], bitmap);
    break;
  }
  case ShapeKind::Polygon:
  case ShapeKind::OrientedRectangle:
  case ShapeKind::Unknown: {
    if (!need(points.size() > 2, "polygon needs >= 3 points"))
      break;
    std::vector<pil::IntPoint> vertices;
    vertices.reserve(points.size());
    for (const cv::Point2d& p : points)
      vertices.push_back(truncated(p));
    pil::fillPolygon(mask, vertices, 1, origin);
    break;
  }
  }
  return result;
}

} // namespace polytrain::annotation
