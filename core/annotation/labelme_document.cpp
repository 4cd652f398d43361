#include "core/annotation/labelme_document.h"

namespace polytrain::annotation {

ShapeKind knownShapeType(const std::string& shapeType) {
  if (shapeType == "polygon")
    return ShapeKind::Polygon;
  if (shapeType == "rectangle")
    return ShapeKind::Rectangle;
  if (shapeType == "circle")
    return ShapeKind::Circle;
  if (shapeType == "line")
    return ShapeKind::Line;
  if (shapeType == "point")
    return ShapeKind::Point;
  if (shapeType == "linestrip")
    return ShapeKind::LineStrip;
  if (shapeType == "mask")
    return ShapeKind::Mask;
  if (shapeType == "oriented_rectangle" || shapeType == "rotation")
    return ShapeKind::OrientedRectangle;
  return ShapeKind::Unknown;
}

} // namespace polytrain::annotation
