#include "ui/annotate/create_shape_tool.h"

#include "ui/annotate/annotation_canvas.h"
#include "ui/annotate/annotation_commands.h"
#include "ui/annotate/annotation_document.h"
#include "ui/annotate/label_colors.h"
#include "ui/annotate/shape_geometry.h"
#include "ui/annotate/shape_painter.h"

#include <QKeyEvent>
#include <QLineF>
#include <QMouseEvent>
#include <QPainter>
#include <QUndoStack>

namespace polytrain::ui::annotate {

using annotation::ShapeKind;

namespace {
constexpr double kCloseDistancePixels = 10.0;
constexpr double kDragThresholdPixels = 6.0;
} // namespace

CreateShapeTool::CreateShapeTool(ShapeKind kind, QObject* parent) : AnnotationTool(parent), kind_(kind) {}

QString CreateShapeTool::shapeTypeName(ShapeKind kind) {
  switch (kind) {
  case ShapeKind::Polygon:
    return "polygon";
  case ShapeKind::Rectangle:
    return "rectangle";
  case ShapeKind::Circle:
    return "circle";
  case ShapeKind::Line:
    return "line";
  case ShapeKind::Point:
    return "point";
  case ShapeKind::LineStrip:
    return "linestrip";
  default:
    return "polygon";
  }
}

QString CreateShapeTool::shapeTypeTitle(const QString& shapeType) {
  if (shapeType == "polygon")
    return tr("polygon");
  if (shapeType == "rectangle")
    return tr("rectangle");
  if (shapeType == "circle")
    return tr("circle");
  if (shapeType == "line")
    return tr("line");
  if (shapeType == "point")
    return tr("point");
  if (shapeType == "linestrip")
    return tr("line strip");
  return shapeType;
}

QString CreateShapeTool::id() const {
  return shapeTypeName(kind_);
}

bool CreateShapeTool::isTwoPointKind() const {
  return kind_ == ShapeKind::Rectangle || kind_ == ShapeKind::Circle || kind_ == ShapeKind::Line;
}

QPointF CreateShapeTool::bounded(const QPointF& pos) const {
  return clampedTo(pos, canvas()->imageRect());
}

bool CreateShapeTool::nearFirstPoint(const QPointF& pos) const {
  return kind_ == ShapeKind::Polygon && points_.size() >= 3 &&
         QLineF(points_.first(), pos).length() <= canvas()->toImageLength(kCloseDistancePixels);
}

void CreateShapeTool::setPoints(QVector<QPointF> points) {
  const bool wasBusy = isBusy();
  points_ = std::move(points);
  if (wasBusy != isBusy())
    emit busyChanged(isBusy());
  emit changed();
}

void CreateShapeTool::mousePressed(const QPointF& rawPos, QMouseEvent* event) {
  if (event->button() != Qt::LeftButton)
    return;
  const QPointF pos = bounded(rawPos);
  cursor_ = pos;
  hasCursor_ = true;
  pressScreen_ = event->position();
  if (kind_ == ShapeKind::Point) {
    setPoints({pos});
    commit();
    return;
  }
  if (points_.isEmpty()) {
    setPoints(isTwoPointKind() ? QVector<QPointF>{pos, pos} : QVector<QPointF>{pos});
    return;
  }
  if (isTwoPointKind()) {
    QVector<QPointF> next = points_;
    next[1] = pos;
    setPoints(next);
    commit();
    return;
  }
  if (nearFirstPoint(rawPos)) {
    commit();
    return;
  }
  QVector<QPointF> next = points_;
  next.append(pos);
  setPoints(next);
}

void CreateShapeTool::mouseMoved(const QPointF& rawPos, QMouseEvent*) {
  cursor_ = bounded(rawPos);
  hasCursor_ = true;
  if (isTwoPointKind() && points_.size() == 2) {
    QVector<QPointF> next = points_;
    next[1] = cursor_;
    setPoints(next);
    return;
  }
  emit changed();
}

void CreateShapeTool::mouseReleased(const QPointF& rawPos, QMouseEvent* event) {
  // A drag (press, move, release) draws a rectangle, circle or line in one gesture.
  if (event->button() != Qt::LeftButton || !isTwoPointKind() || points_.size() != 2)
    return;
  if (QLineF(pressScreen_, event->position()).length() < kDragThresholdPixels)
    return;
  QVector<QPointF> next = points_;
  next[1] = bounded(rawPos);
  setPoints(next);
  commit();
}

void CreateShapeTool::mouseDoubleClicked(const QPointF&, QMouseEvent*) {
  if (kind_ != ShapeKind::Polygon && kind_ != ShapeKind::LineStrip)
    return;
  // The presses of the double click added the point under the cursor, once or (Qt 6 delivers the second press
  // too) twice: drop the duplicate, as Labelme does.
  if (points_.size() >= 2 && QLineF(points_[points_.size() - 1], points_[points_.size() - 2]).length() <=
                                 canvas()->toImageLength(kDragThresholdPixels)) {
    QVector<QPointF> next = points_;
    next.removeLast();
    setPoints(next);
  }
  finish();
}

bool CreateShapeTool::keyPressed(QKeyEvent* event) {
  if (event->key() == Qt::Key_Backspace && isBusy())
    return undoLastPoint();
  return false;
}

bool CreateShapeTool::undoLastPoint() {
  if (points_.isEmpty())
    return false;
  QVector<QPointF> next = points_;
  if (isTwoPointKind())
    next.clear();
  else
    next.removeLast();
  setPoints(next);
  return true;
}

bool CreateShapeTool::finish() {
  if (points_.size() < minimumPoints(kind_) || isTwoPointKind())
    return false;
  commit();
  return true;
}

void CreateShapeTool::cancel() {
  if (!points_.isEmpty())
    setPoints({});
}

void CreateShapeTool::commit() {
  QVector<QPointF> points = points_;
  setPoints({});
  AnnotationDocument* document = canvas()->document();
  if (document == nullptr || points.size() < minimumPoints(kind_))
    return;
  if (isTwoPointKind() && QLineF(points[0], points[1]).length() <= 0.0)
    return; // a zero-size rectangle, circle or line is a stray click, not a shape
  annotation::LabelmeShape shape;
  shape.shapeType = shapeTypeName(kind_).toStdString();
  for (const QPointF& point : points)
    shape.points.push_back(toCv(point));
  const std::optional<ShapeLabel> label = canvas()->requestLabel(shape);
  if (!label || label->label.trimmed().isEmpty())
    return; // Labelme drops the shape when the label dialog is cancelled
  shape = label->appliedTo(shape);
  const int index = document->shapeCount();
  document->undoStack()->push(
      new AddShapesCommand(document, {index}, {shape}, tr("Create %1 \"%2\"").arg(shapeTypeTitle(id()), label->label)));
}

void CreateShapeTool::paintOverlay(QPainter& painter, double scale) const {
  if (points_.isEmpty())
    return;
  const QColor color(255, 190, 40);
  QPen pen(color, 2.0);
  pen.setCosmetic(true);
  painter.setPen(pen);
  painter.setBrush(Qt::NoBrush);
  annotation::LabelmeShape draft;
  draft.shapeType = shapeTypeName(kind_).toStdString();
  for (const QPointF& point : points_)
    draft.points.push_back(toCv(point));
  painter.drawPath(outlinePath(draft));
  if (!isTwoPointKind() && hasCursor_) {
    // The rubber line to the cursor, closing line hinted when the click would close the polygon.
    QPen rubber(color, 1.5, Qt::DashLine);
    rubber.setCosmetic(true);
    painter.setPen(rubber);
    painter.drawLine(points_.last(), cursor_);
    if (kind_ == ShapeKind::Polygon && points_.size() >= 2)
      painter.drawLine(cursor_, points_.first());
  }
  const bool closing = hasCursor_ && nearFirstPoint(cursor_);
  for (int i = 0; i < points_.size(); ++i)
    paintVertex(painter, points_[i], color, i == 0 && closing, scale);
}

} // namespace polytrain::ui::annotate
