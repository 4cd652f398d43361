#include "ui/annotate/shape_geometry.h"

#include <QLineF>
#include <QPainterPathStroker>

#include <algorithm>
#include <cmath>

namespace polytrain::ui::annotate {

using annotation::LabelmeShape;
using annotation::ShapeKind;

QVector<QPointF> qtPoints(const LabelmeShape& shape) {
  QVector<QPointF> points;
  points.reserve(static_cast<int>(shape.points.size()));
  for (const cv::Point2d& point : shape.points)
    points.append(toQt(point));
  return points;
}

ShapeKind kindOf(const LabelmeShape& shape) {
  return annotation::knownShapeType(shape.shapeType);
}

bool isClosedKind(ShapeKind kind) {
  return kind == ShapeKind::Polygon || kind == ShapeKind::Rectangle || kind == ShapeKind::Circle ||
         kind == ShapeKind::Mask || kind == ShapeKind::OrientedRectangle;
}

bool hasEditableVertexCount(ShapeKind kind) {
  return kind == ShapeKind::Polygon || kind == ShapeKind::LineStrip;
}

int minimumPoints(ShapeKind kind) {
  switch (kind) {
  case ShapeKind::Polygon:
    return 3;
  case ShapeKind::Point:
    return 1;
  default:
    return 2;
  }
}

QPainterPath outlinePath(const LabelmeShape& shape) {
  const QVector<QPointF> points = qtPoints(shape);
  QPainterPath path;
  if (points.isEmpty())
    return path;
  switch (kindOf(shape)) {
  case ShapeKind::Rectangle:
  case ShapeKind::Mask:
    if (points.size() == 2) {
      path.addRect(QRectF(points[0], points[1]).normalized());
      return path;
    }
    path.addPolygon(QPolygonF(points));
    path.closeSubpath();
    return path;
  case ShapeKind::Circle:
    if (points.size() >= 2) {
      const double radius = QLineF(points[0], points[1]).length();
      path.addEllipse(points[0], radius, radius);
    }
    return path;
  case ShapeKind::Point:
    return path;
  case ShapeKind::Line:
  case ShapeKind::LineStrip:
  case ShapeKind::Unknown:
    path.moveTo(points[0]);
    for (int i = 1; i < points.size(); ++i)
      path.lineTo(points[i]);
    return path;
  case ShapeKind::Polygon:
  case ShapeKind::OrientedRectangle:
    path.addPolygon(QPolygonF(points));
    path.closeSubpath();
    return path;
  }
  return path;
}

QRectF boundingRect(const LabelmeShape& shape) {
  if (kindOf(shape) == ShapeKind::Circle && shape.points.size() >= 2)
    return outlinePath(shape).boundingRect();
  const QVector<QPointF> points = qtPoints(shape);
  if (points.isEmpty())
    return {};
  return QPolygonF(points).boundingRect();
}

int nearestVertex(const LabelmeShape& shape, const QPointF& pos, double tolerance) {
  int best = -1;
  double bestDistance = tolerance;
  for (size_t i = 0; i < shape.points.size(); ++i) {
    const double distance = QLineF(toQt(shape.points[i]), pos).length();
    if (distance <= bestDistance) {
      bestDistance = distance;
      best = static_cast<int>(i);
    }
  }
  return best;
}

namespace {
QPointF projectOnSegment(const QPointF& a, const QPointF& b, const QPointF& p) {
  const QPointF ab = b - a;
  const double length2 = QPointF::dotProduct(ab, ab);
  if (length2 <= 0.0)
    return a;
  const double t = std::clamp(QPointF::dotProduct(p - a, ab) / length2, 0.0, 1.0);
  return a + t * ab;
}
} // namespace

EdgeHit nearestEdge(const LabelmeShape& shape, const QPointF& pos, double tolerance) {
  EdgeHit hit;
  const ShapeKind kind = kindOf(shape);
  if (!hasEditableVertexCount(kind))
    return hit;
  const QVector<QPointF> points = qtPoints(shape);
  const int n = points.size();
  const int edges = kind == ShapeKind::Polygon ? n : n - 1;
  double bestDistance = tolerance;
  for (int i = 0; i < edges && n >= 2; ++i) {
    const QPointF projection = projectOnSegment(points[i], points[(i + 1) % n], pos);
    const double distance = QLineF(projection, pos).length();
    if (distance <= bestDistance) {
      bestDistance = distance;
      hit.index = i;
      hit.projection = projection;
    }
  }
  return hit;
}

bool hitsShape(const LabelmeShape& shape, const QPointF& pos, double tolerance) {
  const ShapeKind kind = kindOf(shape);
  if (kind == ShapeKind::Point)
    return nearestVertex(shape, pos, tolerance) >= 0;
  const QPainterPath path = outlinePath(shape);
  if (isClosedKind(kind) && path.contains(pos))
    return true;
  QPainterPathStroker stroker;
  stroker.setWidth(2.0 * tolerance);
  return stroker.createStroke(path).contains(pos);
}

QPointF clampedTo(const QPointF& point, const QRectF& bounds) {
  return {std::clamp(point.x(), bounds.left(), bounds.right()), std::clamp(point.y(), bounds.top(), bounds.bottom())};
}

QPointF boundedDelta(const std::vector<std::vector<cv::Point2d>>& points, QPointF delta, const QRectF& bounds) {
  double minX = INFINITY, minY = INFINITY, maxX = -INFINITY, maxY = -INFINITY;
  for (const auto& shapePoints : points)
    for (const cv::Point2d& point : shapePoints) {
      minX = std::min(minX, point.x);
      minY = std::min(minY, point.y);
      maxX = std::max(maxX, point.x);
      maxY = std::max(maxY, point.y);
    }
  if (!std::isfinite(minX) || bounds.isEmpty())
    return delta;
  // Only limit moves that would push points further out; shapes already outside may still move back in.
  if (delta.x() < 0 && minX + delta.x() < bounds.left())
    delta.setX(std::min(0.0, bounds.left() - minX));
  if (delta.x() > 0 && maxX + delta.x() > bounds.right())
    delta.setX(std::max(0.0, bounds.right() - maxX));
  if (delta.y() < 0 && minY + delta.y() < bounds.top())
    delta.setY(std::min(0.0, bounds.top() - minY));
  if (delta.y() > 0 && maxY + delta.y() > bounds.bottom())
    delta.setY(std::max(0.0, bounds.bottom() - maxY));
  return delta;
}

std::vector<cv::Point2d> translated(const std::vector<cv::Point2d>& points, const QPointF& delta) {
  std::vector<cv::Point2d> moved = points;
  for (cv::Point2d& point : moved) {
    point.x += delta.x();
    point.y += delta.y();
  }
  return moved;
}

} // namespace polytrain::ui::annotate
