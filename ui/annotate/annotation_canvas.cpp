#include "ui/annotate/annotation_canvas.h"

#include "ui/annotate/annotation_document.h"
#include "ui/annotate/annotation_tool.h"
#include "ui/annotate/image_item.h"
#include "ui/annotate/label_colors.h"
#include "ui/annotate/shape_geometry.h"
#include "ui/annotate/shape_painter.h"
#include "ui/annotate/shape_view_state.h"
#include "ui/annotate/zoom_controller.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QScrollBar>
#include <QWheelEvent>

#include <cmath>

namespace polytrain::ui::annotate {

namespace {
constexpr double kHitPixels = 8.0;
}

AnnotationCanvas::AnnotationCanvas(QWidget* parent)
    : QGraphicsView(parent), scene_(new QGraphicsScene(this)), imageItem_(new ImageItem),
      zoom_(new ZoomController(this)) {
  setObjectName("annotationCanvas");
  scene_->addItem(imageItem_);
  scene_->setItemIndexMethod(QGraphicsScene::NoIndex);
  setScene(scene_);
  setAlignment(Qt::AlignCenter);
  setTransformationAnchor(QGraphicsView::NoAnchor);
  setResizeAnchor(QGraphicsView::NoAnchor);
  setViewportUpdateMode(QGraphicsView::FullViewportUpdate);
  setBackgroundBrush(QColor(48, 50, 54));
  setFrameShape(QFrame::NoFrame);
  setFocusPolicy(Qt::StrongFocus);
  setDragMode(QGraphicsView::NoDrag);
  viewport()->setMouseTracking(true);
  viewport()->setCursor(Qt::CrossCursor);
  connect(zoom_, &ZoomController::scaleChanged, this, &AnnotationCanvas::applyScale);
}

AnnotationCanvas::~AnnotationCanvas() = default;

AnnotationDocument* AnnotationCanvas::document() const {
  return document_;
}
ShapeViewState* AnnotationCanvas::viewState() const {
  return viewState_;
}
AnnotationTool* AnnotationCanvas::tool() const {
  return tool_;
}

void AnnotationCanvas::setDocument(AnnotationDocument* document, ShapeViewState* viewState) {
  if (document_)
    disconnect(document_, nullptr, this, nullptr);
  if (viewState_)
    disconnect(viewState_, nullptr, this, nullptr);
  if (tool_)
    tool_->cancel();
  document_ = document;
  viewState_ = viewState;
  if (document_) {
    connect(document_, &AnnotationDocument::shapesInserted, this, &AnnotationCanvas::refresh);
    connect(document_, &AnnotationDocument::shapesRemoved, this, &AnnotationCanvas::refresh);
    connect(document_, &AnnotationDocument::shapeChanged, this, &AnnotationCanvas::refresh);
  }
  if (viewState_) {
    connect(viewState_, &ShapeViewState::selectionChanged, this, &AnnotationCanvas::refresh);
    connect(viewState_, &ShapeViewState::visibilityChanged, this, &AnnotationCanvas::refresh);
  }
  refresh();
}

void AnnotationCanvas::setImage(const QImage& image, const QImage& preview) {
  imageItem_->setImages(image, preview);
  scene_->setSceneRect(imageItem_->boundingRect());
  updateZoomGeometry();
  refresh();
}

void AnnotationCanvas::clearImage() {
  imageItem_->clear();
  scene_->setSceneRect(QRectF());
  refresh();
}

bool AnnotationCanvas::hasImage() const {
  return !imageItem_->imageSize().isEmpty();
}
QRectF AnnotationCanvas::imageRect() const {
  return imageItem_->boundingRect();
}

void AnnotationCanvas::setTool(AnnotationTool* tool) {
  if (tool == tool_)
    return;
  if (tool_) {
    tool_->deactivate();
    disconnect(tool_, nullptr, this, nullptr);
  }
  tool_ = tool;
  if (tool_) {
    tool_->setCanvas(this);
    connect(tool_, &AnnotationTool::changed, this, &AnnotationCanvas::refresh);
    tool_->activate();
    viewport()->setCursor(tool_->id() == "edit" ? Qt::ArrowCursor : Qt::CrossCursor);
  }
  refresh();
}

double AnnotationCanvas::scale() const {
  return zoom_->scale();
}

void AnnotationCanvas::setShowLabels(bool show) {
  showLabels_ = show;
  refresh();
}

void AnnotationCanvas::setFillShapes(bool fill) {
  fillShapes_ = fill;
  refresh();
}

void AnnotationCanvas::setImageAdjustment(int brightnessPercent, int contrastPercent) {
  imageItem_->setAdjustment(brightnessPercent, contrastPercent);
  viewport()->update();
}

std::optional<ShapeLabel> AnnotationCanvas::requestLabel(const annotation::LabelmeShape& draft) {
  if (!labelRequester_)
    return ShapeLabel::of(draft);
  return labelRequester_(draft);
}

QPointF AnnotationCanvas::toImage(const QPoint& viewportPos) const {
  return mapToScene(viewportPos);
}

QPoint AnnotationCanvas::toViewport(const QPointF& imagePos) const {
  return mapFromScene(imagePos);
}

double AnnotationCanvas::toImageLength(double screenPixels) const {
  return screenPixels / scale();
}

int AnnotationCanvas::shapeAt(const QPointF& imagePos) const {
  if (!document_)
    return -1;
  const double tolerance = toImageLength(kHitPixels);
  // Selected shapes first (they are what the user is working on), then the topmost, i.e. the last drawn.
  if (viewState_)
    for (int index : viewState_->selected())
      if (index < document_->shapeCount() && !viewState_->isHidden(index) &&
          hitsShape(document_->shape(index), imagePos, tolerance))
        return index;
  for (int index = document_->shapeCount() - 1; index >= 0; --index) {
    if (viewState_ && viewState_->isHidden(index))
      continue;
    if (hitsShape(document_->shape(index), imagePos, tolerance))
      return index;
  }
  return -1;
}

void AnnotationCanvas::refresh() {
  viewport()->update();
}

void AnnotationCanvas::applyScale(double newScale) {
  // Keep the image point under the anchor (the cursor for wheel zoom, else the view centre) where it was.
  const QPoint anchor = zoomAnchor_.value_or(viewport()->rect().center());
  const QPointF anchored = mapToScene(anchor);
  setTransform(QTransform::fromScale(newScale, newScale));
  const QPoint moved = mapFromScene(anchored);
  horizontalScrollBar()->setValue(horizontalScrollBar()->value() + moved.x() - anchor.x());
  verticalScrollBar()->setValue(verticalScrollBar()->value() + moved.y() - anchor.y());
  refresh();
}

void AnnotationCanvas::updateZoomGeometry() {
  // Leave room for a scroll bar's worth so that fitting never makes scroll bars appear.
  const QSizeF available(std::max(1, width() - 4), std::max(1, height() - 4));
  zoom_->setGeometry(available, imageItem_->imageSize());
  if (std::abs(transform().m11() - zoom_->scale()) > 1e-12)
    applyScale(zoom_->scale());
}

void AnnotationCanvas::resizeEvent(QResizeEvent* event) {
  QGraphicsView::resizeEvent(event);
  updateZoomGeometry();
}

bool AnnotationCanvas::event(QEvent* event) {
  // While a shape is being drawn, Backspace, Enter and Esc belong to the tool, not to window shortcuts.
  if (event->type() == QEvent::ShortcutOverride && tool_ && tool_->isBusy()) {
    const int key = static_cast<QKeyEvent*>(event)->key();
    if (key == Qt::Key_Backspace || key == Qt::Key_Escape || key == Qt::Key_Return || key == Qt::Key_Enter) {
      event->accept();
      return true;
    }
  }
  return QGraphicsView::event(event);
}

void AnnotationCanvas::mousePressEvent(QMouseEvent* event) {
  setFocus(Qt::MouseFocusReason);
  if (event->button() == Qt::MiddleButton) {
    panning_ = true;
    panLast_ = event->position().toPoint();
    viewport()->setCursor(Qt::ClosedHandCursor);
    return;
  }
  if (tool_ && document_ && hasImage())
    tool_->mousePressed(toImage(event->position().toPoint()), event);
}

void AnnotationCanvas::mouseMoveEvent(QMouseEvent* event) {
  const QPoint pos = event->position().toPoint();
  if (panning_) {
    const QPoint delta = pos - panLast_;
    panLast_ = pos;
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
    verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
    return;
  }
  const QPointF imagePos = toImage(pos);
  emit cursorMoved(imagePos);
  if (tool_ && document_ && hasImage())
    tool_->mouseMoved(imagePos, event);
}

void AnnotationCanvas::mouseReleaseEvent(QMouseEvent* event) {
  if (event->button() == Qt::MiddleButton && panning_) {
    panning_ = false;
    viewport()->setCursor(tool_ && tool_->id() == "edit" ? Qt::ArrowCursor : Qt::CrossCursor);
    return;
  }
  if (tool_ && document_ && hasImage())
    tool_->mouseReleased(toImage(event->position().toPoint()), event);
}

void AnnotationCanvas::mouseDoubleClickEvent(QMouseEvent* event) {
  if (tool_ && document_ && hasImage() && event->button() == Qt::LeftButton)
    tool_->mouseDoubleClicked(toImage(event->position().toPoint()), event);
}

void AnnotationCanvas::wheelEvent(QWheelEvent* event) {
  if (event->modifiers() & Qt::ControlModifier) {
    const double steps = event->angleDelta().y() / 120.0;
    zoomAnchor_ = event->position().toPoint();
    zoom_->zoomBy(std::pow(1.15, steps));
    zoomAnchor_.reset();
    event->accept();
    return;
  }
  if (event->modifiers() & Qt::ShiftModifier) {
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() - event->angleDelta().y());
    event->accept();
    return;
  }
  QGraphicsView::wheelEvent(event);
}

void AnnotationCanvas::keyPressEvent(QKeyEvent* event) {
  if (tool_ && tool_->keyPressed(event))
    return;
  if (tool_ && (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && tool_->finish())
    return;
  if (tool_ && event->key() == Qt::Key_Escape) {
    tool_->cancel();
    return;
  }
  QGraphicsView::keyPressEvent(event);
}

void AnnotationCanvas::drawForeground(QPainter* painter, const QRectF&) {
  if (!document_ || !hasImage())
    return;
  painter->setRenderHint(QPainter::Antialiasing, true);
  const double currentScale = scale();
  const int hovered = tool_ ? tool_->hoveredShape() : -1;
  const int hoveredVertex = tool_ ? tool_->hoveredVertex() : -1;
  const bool editing = tool_ && tool_->id() == "edit";
  for (int index = 0; index < document_->shapeCount(); ++index) {
    if (viewState_ && viewState_->isHidden(index))
      continue;
    const annotation::LabelmeShape& shape = document_->shape(index);
    ShapeStyle style;
    style.color = labelColor(QString::fromStdString(shape.label));
    style.selected = viewState_ && viewState_->isSelected(index);
    style.hovered = editing && index == hovered;
    style.highlightedVertex = index == hovered ? hoveredVertex : -1;
    style.fill = fillShapes_;
    style.showLabel = showLabels_;
    paintShape(*painter, shape, style, currentScale);
  }
  if (tool_)
    tool_->paintOverlay(*painter, currentScale);
}

} // namespace polytrain::ui::annotate
