#include "core/annotation/labelme_validation.h"

#include "core/annotation/base64.h"

#include <opencv2/imgcodecs.hpp>

#include <cmath>
#include <sstream>

namespace polytrain::annotation {
namespace {

std::string countRule(ShapeKind kind, size_t count) {
  auto needs = [count](const char* type, const char* rule) {
    return std::string(type) + " needs " + rule + " points, got " + std::to_string(count);
  };
  switch (kind) {
  case ShapeKind::Polygon:
    return count >= 3 ? "" : needs("polygon", ">= 3");
  case ShapeKind::Rectangle:
    return count == 2 || count == 4 ? "" : needs("rectangle", "2 (or 4)");
  case ShapeKind::Circle:
    return count == 2 ? "" : needs("circle", "2 (centre and rim)");
  case ShapeKind::Line:
    return count == 2 ? "" : needs("line", "2");
  case ShapeKind::Point:
    return count == 1 ? "" : needs("point", "1");
  case ShapeKind::LineStrip:
    return count >= 2 ? "" : needs("linestrip", ">= 2");
  case ShapeKind::Mask:
    return count == 2 ? "" : needs("mask", "2 (bbox corners)");
  case ShapeKind::OrientedRectangle:
    return count == 4 ? "" : needs("oriented_rectangle", "4");
  case ShapeKind::Unknown:
    return "";
  }
  return "";
}

std::string formatNumber(double value) {
  std::ostringstream text;
  text << value;
  return text.str();
}

} // namespace

void validateShape(const LabelmeShape& shape, const std::string& path, const std::string& pointer, Problems& problems) {
  const ShapeKind kind = knownShapeType(shape.shapeType);
  if (kind == ShapeKind::Unknown)
    problems.warnings.push_back(
        {path, pointer + "/shape_type", "unknown shape_type \"" + shape.shapeType + "\", drawn as a polygon"});
  const std::string rule = countRule(kind, shape.points.size());
  if (!rule.empty())
    problems.errors.push_back({path, pointer + "/points", rule});
  for (size_t i = 0; i < shape.points.size(); ++i) {
    const double xy[2] = {shape.points[i].x, shape.points[i].y};
    for (int axis = 0; axis < 2; ++axis) {
      if (std::isfinite(xy[axis]) && std::fabs(xy[axis]) <= kMaxCoordinate)
        continue; // the pointer is built only for a problem: a file has thousands of good coordinates
      const std::string where = pointer + "/points/" + std::to_string(i) + "/" + std::to_string(axis);
      if (!std::isfinite(xy[axis]))
        problems.errors.push_back({path, where, "coordinate is not a finite number"});
      else if (std::fabs(xy[axis]) > kMaxCoordinate)
        problems.errors.push_back({path, where,
                                   "coordinate " + formatNumber(xy[axis]) +
                                       " is out of range (|v| <= " + formatNumber(kMaxCoordinate) + ")"});
    }
  }
  if (kind == ShapeKind::Mask) {
    if (!shape.mask) {
      problems.errors.push_back({path, pointer + "/mask", "mask shape has no mask (base64 PNG expected)"});
    } else {
      std::string problem;
      const std::optional<std::string> bytes = decodeBase64(*shape.mask, &problem);
      if (!bytes) {
        problems.errors.push_back({path, pointer + "/mask", problem});
      } else {
        cv::Mat image;
        try {
          image = cv::imdecode(cv::Mat(1, static_cast<int>(bytes->size()), CV_8U, const_cast<char*>(bytes->data())),
                               cv::IMREAD_GRAYSCALE);
        } catch (const cv::Exception&) {
          image.release();
        }
        if (image.empty())
          problems.errors.push_back({path, pointer + "/mask", "mask is not a decodable image"});
      }
    }
  }
}

Problems validateDocument(const LabelmeDocument& document, const std::string& path) {
  Problems problems;
  for (size_t i = 0; i < document.shapes.size(); ++i)
    validateShape(document.shapes[i], path, "/shapes/" + std::to_string(i), problems);
  if (document.imageHeight && *document.imageHeight <= 0)
    problems.errors.push_back({path, "/imageHeight", "must be positive, got " + std::to_string(*document.imageHeight)});
  if (document.imageWidth && *document.imageWidth <= 0)
    problems.errors.push_back({path, "/imageWidth", "must be positive, got " + std::to_string(*document.imageWidth)});
  if (document.imageData) {
    std::string problem;
    if (!decodeBase64(*document.imageData, &problem))
      problems.errors.push_back({path, "/imageData", problem});
  }
  return problems;
}

} // namespace polytrain::annotation
