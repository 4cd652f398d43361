#pragma once
// The drawing surface: shows the image and the shapes of one AnnotationDocument and forwards input to the active
// tool. It observes the document and the view state; it owns no shapes. Zoom is its ZoomController; pan with the
// scroll bars, the wheel (Shift for sideways) or the middle mouse button; Ctrl+wheel zooms at the cursor.
#include "ui/annotate/shape_label.h"

#include <QGraphicsView>
#include <QPointer>

#include <functional>
#include <optional>

namespace polytrain::ui::annotate {

class AnnotationDocument;
class AnnotationTool;
class ImageItem;
class ShapeViewState;
class ZoomController;

class AnnotationCanvas : public QGraphicsView {
  Q_OBJECT
public:
  using LabelRequester = std::function<std::optional<ShapeLabel>(const annotation::LabelmeShape& draft)>;

  explicit AnnotationCanvas(QWidget* parent = nullptr);
  ~AnnotationCanvas() override;

  void setDocument(AnnotationDocument* document, ShapeViewState* viewState);
  AnnotationDocument* document() const;
  ShapeViewState* viewState() const;

  void setImage(const QImage& image, const QImage& preview);
  void clearImage();
  bool hasImage() const;
  QRectF imageRect() const;

  void setTool(AnnotationTool* tool);
  AnnotationTool* tool() const;

  ZoomController* zoom() const { return zoom_; }
  double scale() const;

  void setShowLabels(bool show);
  bool showLabels() const { return showLabels_; }
  void setFillShapes(bool fill);
  void setImageAdjustment(int brightnessPercent, int contrastPercent);

  // How tools ask for a new shape's label (the label dialog or the quick label). nullopt cancels the shape.
  void setLabelRequester(LabelRequester requester) { labelRequester_ = std::move(requester); }
  std::optional<ShapeLabel> requestLabel(const annotation::LabelmeShape& draft);
  void requestLabelEdit() { emit editLabelsRequested(); }

  QPointF toImage(const QPoint& viewportPos) const;
  QPoint toViewport(const QPointF& imagePos) const;
  // Image units that cover `screenPixels` at the current zoom.
  double toImageLength(double screenPixels) const;
  // The topmost visible shape that a click at `imagePos` hits, or -1.
  int shapeAt(const QPointF& imagePos) const;
  // Repaints the shapes (tools call this when their overlay changed).
  void refresh();

signals:
  void cursorMoved(const QPointF& imagePos);
  void editLabelsRequested();

protected:
  bool event(QEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void mouseDoubleClickEvent(QMouseEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  void drawForeground(QPainter* painter, const QRectF& rect) override;

private:
  void applyScale(double scale);
  void updateZoomGeometry();

  QGraphicsScene* scene_;
  ImageItem* imageItem_;
  ZoomController* zoom_;
  QPointer<AnnotationDocument> document_;
  QPointer<ShapeViewState> viewState_;
  QPointer<AnnotationTool> tool_;
  LabelRequester labelRequester_;
  bool showLabels_ = true;
  bool fillShapes_ = false;
  bool panning_ = false;
  QPoint panLast_;
  std::optional<QPoint> zoomAnchor_;
};

} // namespace polytrain::ui::annotate
