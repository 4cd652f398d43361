#pragma once
// Geometry of one Labelme shape in image coordinates, as the canvas draws and hit-tests it: the outline of each
// shape type, the nearest vertex and edge, what a click selects, bounds and bounded moves. Pure functions.
#include "core/annotation/labelme_document.h"

#include <QPainterPath>
#include <QPointF>
#include <QRectF>
#include <QVector>

#include <vector>

namespace polytrain::ui::annotate {

inline QPointF toQt(const cv::Point2d& point) {
  return {point.x, point.y};
}
inline cv::Point2d toCv(const QPointF& point) {
  return {point.x(), point.y()};
}
QVector<QPointF> qtPoints(const annotation::LabelmeShape& shape);

annotation::ShapeKind kindOf(const annotation::LabelmeShape& shape);

// Polygon, rectangle and circle enclose an area that a click inside selects.
bool isClosedKind(annotation::ShapeKind kind);

// Polygon and line strip can gain and lose vertices.
bool hasEditableVertexCount(annotation::ShapeKind kind);

// Fewest points a shape of this kind may have (polygon 3, point 1, the others 2).
int minimumPoints(annotation::ShapeKind kind);

// The shape as drawn: rectangle from two opposite corners (or X-AnyLabeling's four corners), circle from its
// centre and a point on the rim, line and line strip open, point empty.
QPainterPath outlinePath(const annotation::LabelmeShape& shape);

QRectF boundingRect(const annotation::LabelmeShape& shape);

// The vertex within `tolerance` of `pos` (the closest one), or -1.
int nearestVertex(const annotation::LabelmeShape& shape, const QPointF& pos, double tolerance);

// The edge (from vertex `index` to the next) within `tolerance` of `pos` for shapes that can gain vertices.
struct EdgeHit {
  int index = -1;
  QPointF projection; // the closest point on the edge
};
EdgeHit nearestEdge(const annotation::LabelmeShape& shape, const QPointF& pos, double tolerance);

// Whether a click at `pos` hits the shape: inside a closed shape, near the stroke of a line, near a point.
bool hitsShape(const annotation::LabelmeShape& shape, const QPointF& pos, double tolerance);

QPointF clampedTo(const QPointF& point, const QRectF& bounds);

// `delta` reduced so that every point of `points` stays inside `bounds` after the move (Labelme's
// boundedMoveShapes): shapes stop at the image border instead of leaving it.
QPointF boundedDelta(const std::vector<std::vector<cv::Point2d>>& points, QPointF delta, const QRectF& bounds);

std::vector<cv::Point2d> translated(const std::vector<cv::Point2d>& points, const QPointF& delta);

} // namespace polytrain::ui::annotate
