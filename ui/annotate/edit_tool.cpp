#include "ui/annotate/edit_tool.h"

#include "ui/annotate/annotation_canvas.h"
#include "ui/annotate/annotation_commands.h"
#include "ui/annotate/annotation_document.h"
#include "ui/annotate/shape_geometry.h"
#include "ui/annotate/shape_view_state.h"

#include <QCoreApplication>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QUndoStack>

namespace polytrain::ui::annotate {

namespace {
constexpr double kVertexPixels = 8.0;
constexpr double kEdgePixels = 6.0;
} // namespace

EditTool::EditTool(QObject* parent) : AnnotationTool(parent) {}

void EditTool::deactivate() {
  endDrag();
  hoveredShape_ = hoveredVertex_ = -1;
  emit changed();
}

void EditTool::updateHover(const QPointF& pos) {
  AnnotationDocument* document = canvas()->document();
  ShapeViewState* view = canvas()->viewState();
  int shape = -1, vertex = -1;
  const double tolerance = canvas()->toImageLength(kVertexPixels);
  // Vertices of selected shapes first, then of any visible shape (topmost first), then shapes themselves.
  QList<int> order = view ? view->selected() : QList<int>{};
  for (int i = document->shapeCount() - 1; i >= 0; --i)
    if (!order.contains(i))
      order.append(i);
  for (int index : order) {
    if (index >= document->shapeCount() || (view && view->isHidden(index)))
      continue;
    const int found = nearestVertex(document->shape(index), pos, tolerance);
    if (found >= 0 && kindOf(document->shape(index)) != annotation::ShapeKind::Point) {
      shape = index;
      vertex = found;
      break;
    }
  }
  if (shape < 0)
    shape = canvas()->shapeAt(pos);
  if (shape != hoveredShape_ || vertex != hoveredVertex_) {
    hoveredShape_ = shape;
    hoveredVertex_ = vertex;
    canvas()->viewport()->setCursor(vertex >= 0  ? Qt::PointingHandCursor
                                    : shape >= 0 ? Qt::OpenHandCursor
                                                 : Qt::ArrowCursor);
    emit changed();
  }
}

void EditTool::mousePressed(const QPointF& pos, QMouseEvent* event) {
  if (event->button() != Qt::LeftButton)
    return;
  AnnotationDocument* document = canvas()->document();
  ShapeViewState* view = canvas()->viewState();
  updateHover(pos);
  pressPos_ = currentPos_ = pos;
  moved_ = false;
  gesture_ = nextGestureId();
  const Qt::KeyboardModifiers modifiers = event->modifiers();

  if (hoveredVertex_ >= 0 && (modifiers & Qt::ShiftModifier)) {
    deleteVertex(hoveredShape_, hoveredVertex_);
    return;
  }
  if ((modifiers & Qt::AltModifier) && insertVertexAt(pos)) {
    // The new vertex follows the mouse until release.
    updateHover(pos);
  }
  if (hoveredVertex_ >= 0) {
    if (!view->isSelected(hoveredShape_))
      view->setSelected({hoveredShape_});
    drag_ = Drag::Vertex;
    dragShape_ = hoveredShape_;
    dragVertex_ = hoveredVertex_;
    dragOriginals_ = {document->shape(dragShape_)};
    return;
  }
  if (hoveredShape_ >= 0) {
    if (modifiers & Qt::ControlModifier) {
      view->toggleSelected(hoveredShape_);
      if (!view->isSelected(hoveredShape_))
        return;
    } else if (!view->isSelected(hoveredShape_)) {
      view->setSelected({hoveredShape_});
    }
    drag_ = Drag::Shapes;
    dragIndices_ = view->selected();
    dragOriginals_.clear();
    for (int index : dragIndices_)
      dragOriginals_.push_back(document->shape(index));
    canvas()->viewport()->setCursor(Qt::ClosedHandCursor);
    return;
  }
  rubberBase_ = (modifiers & Qt::ControlModifier) ? view->selected() : QList<int>{};
  if (!(modifiers & Qt::ControlModifier))
    view->clearSelection();
  drag_ = Drag::RubberBand;
}

void EditTool::mouseMoved(const QPointF& pos, QMouseEvent* event) {
  AnnotationDocument* document = canvas()->document();
  if (drag_ == Drag::None || !(event->buttons() & Qt::LeftButton)) {
    updateHover(pos);
    return;
  }
  currentPos_ = pos;
  moved_ = true;
  const QRectF bounds = canvas()->imageRect();
  if (drag_ == Drag::Vertex) {
    annotation::LabelmeShape shape = dragOriginals_.front();
    shape.points[static_cast<size_t>(dragVertex_)] = toCv(clampedTo(pos, bounds));
    document->undoStack()->push(new ReplaceShapesCommand(document, {dragShape_}, {shape}, tr("Move vertex"), gesture_));
  } else if (drag_ == Drag::Shapes) {
    std::vector<std::vector<cv::Point2d>> original;
    for (const auto& shape : dragOriginals_)
      original.push_back(shape.points);
    const QPointF delta = boundedDelta(original, pos - pressPos_, bounds);
    std::vector<annotation::LabelmeShape> after = dragOriginals_;
    for (auto& shape : after)
      shape.points = translated(shape.points, delta);
    document->undoStack()->push(new ReplaceShapesCommand(
        document, dragIndices_, after, dragIndices_.size() == 1 ? tr("Move shape") : tr("Move shapes"), gesture_));
  } else if (drag_ == Drag::RubberBand) {
    const QRectF band = QRectF(pressPos_, pos).normalized();
    QList<int> selected = rubberBase_;
    for (int i = 0; i < document->shapeCount(); ++i)
      if (!canvas()->viewState()->isHidden(i) && band.contains(boundingRect(document->shape(i))))
        selected.append(i);
    canvas()->viewState()->setSelected(selected);
    emit changed();
  }
}

void EditTool::mouseReleased(const QPointF& pos, QMouseEvent* event) {
  if (event->button() != Qt::LeftButton)
    return;
  endDrag();
  updateHover(pos);
  emit changed();
}

void EditTool::endDrag() {
  drag_ = Drag::None;
  dragIndices_.clear();
  dragOriginals_.clear();
  dragShape_ = dragVertex_ = -1;
  gesture_ = 0;
}

void EditTool::mouseDoubleClicked(const QPointF& pos, QMouseEvent*) {
  endDrag();
  updateHover(pos);
  if (hoveredVertex_ < 0 && insertVertexAt(pos)) {
    updateHover(pos);
    return;
  }
  if (hoveredShape_ >= 0) {
    canvas()->viewState()->setSelected({hoveredShape_});
    canvas()->requestLabelEdit();
  }
}

bool EditTool::insertVertexAt(const QPointF& pos) {
  AnnotationDocument* document = canvas()->document();
  ShapeViewState* view = canvas()->viewState();
  const double tolerance = canvas()->toImageLength(kEdgePixels);
  QList<int> candidates = view->selected();
  for (int i = document->shapeCount() - 1; i >= 0; --i)
    if (!candidates.contains(i))
      candidates.append(i);
  for (int index : candidates) {
    if (view->isHidden(index))
      continue;
    const annotation::LabelmeShape& shape = document->shape(index);
    const EdgeHit edge = nearestEdge(shape, pos, tolerance);
    if (edge.index < 0)
      continue;
    annotation::LabelmeShape after = shape;
    after.points.insert(after.points.begin() + edge.index + 1, toCv(edge.projection));
    document->undoStack()->push(new ReplaceShapesCommand(document, {index}, {after}, tr("Insert vertex")));
    view->setSelected({index});
    return true;
  }
  return false;
}

bool EditTool::deleteVertex(int shapeIndex, int vertex) {
  AnnotationDocument* document = canvas()->document();
  const annotation::LabelmeShape& shape = document->shape(shapeIndex);
  const annotation::ShapeKind kind = kindOf(shape);
  if (!hasEditableVertexCount(kind) || static_cast<int>(shape.points.size()) <= minimumPoints(kind))
    return false;
  annotation::LabelmeShape after = shape;
  after.points.erase(after.points.begin() + vertex);
  document->undoStack()->push(new ReplaceShapesCommand(document, {shapeIndex}, {after}, tr("Delete vertex")));
  hoveredVertex_ = -1;
  emit changed();
  return true;
}

bool EditTool::deleteHoveredVertex() {
  return hoveredShape_ >= 0 && hoveredVertex_ >= 0 && deleteVertex(hoveredShape_, hoveredVertex_);
}

bool EditTool::nudge(const QPointF& delta) {
  AnnotationDocument* document = canvas()->document();
  const QList<int> indices = canvas()->viewState()->selected();
  if (indices.isEmpty())
    return false;
  std::vector<std::vector<cv::Point2d>> original;
  std::vector<annotation::LabelmeShape> after;
  for (int index : indices) {
    original.push_back(document->shape(index).points);
    after.push_back(document->shape(index));
  }
  const QPointF bounded = boundedDelta(original, delta, canvas()->imageRect());
  if (bounded.isNull())
    return true;
  for (auto& shape : after)
    shape.points = translated(shape.points, bounded);
  document->undoStack()->push(new ReplaceShapesCommand(document, indices, after, tr("Nudge")));
  return true;
}

bool EditTool::keyPressed(QKeyEvent* event) {
  const double step = (event->modifiers() & Qt::ShiftModifier) ? 10.0 : 1.0;
  switch (event->key()) {
  case Qt::Key_Left:
    return nudge({-step, 0});
  case Qt::Key_Right:
    return nudge({step, 0});
  case Qt::Key_Up:
    return nudge({0, -step});
  case Qt::Key_Down:
    return nudge({0, step});
  case Qt::Key_Escape:
    canvas()->viewState()->clearSelection();
    return true;
  default:
    return false;
  }
}

void EditTool::paintOverlay(QPainter& painter, double) const {
  if (drag_ != Drag::RubberBand || !moved_)
    return;
  QPen pen(QColor(120, 190, 255), 1.0, Qt::DashLine);
  pen.setCosmetic(true);
  painter.setPen(pen);
  painter.setBrush(QColor(120, 190, 255, 40));
  painter.drawRect(QRectF(pressPos_, currentPos_).normalized());
}

} // namespace polytrain::ui::annotate
