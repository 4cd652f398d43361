#pragma once
// Edit mode (Labelme's Ctrl+J): click selects (Ctrl+click adds or removes), a drag on empty canvas selects with a
// rubber band, dragging a selected shape moves every selected shape, dragging a vertex moves it. Alt+click or a
// double click on an edge of a polygon or line strip inserts a vertex there; Shift+click on a vertex deletes it.
// Arrow keys nudge the selection by one pixel (Shift: ten). Double click inside a shape edits its label.
// Every change is a ReplaceShapesCommand; one drag is one undo step.
#include "ui/annotate/annotation_tool.h"

#include "core/annotation/labelme_document.h"

#include <QList>
#include <QRectF>

#include <optional>
#include <vector>

namespace polytrain::ui::annotate {

class EditTool : public AnnotationTool {
  Q_OBJECT
public:
  explicit EditTool(QObject* parent = nullptr);

  QString id() const override { return "edit"; }

  void mousePressed(const QPointF& pos, QMouseEvent* event) override;
  void mouseMoved(const QPointF& pos, QMouseEvent* event) override;
  void mouseReleased(const QPointF& pos, QMouseEvent* event) override;
  void mouseDoubleClicked(const QPointF& pos, QMouseEvent* event) override;
  bool keyPressed(QKeyEvent* event) override;
  void paintOverlay(QPainter& painter, double scale) const override;
  void deactivate() override;

  int hoveredShape() const override { return hoveredShape_; }
  int hoveredVertex() const override { return hoveredVertex_; }

  // Inserts a vertex into the selected polygon or line strip on the edge nearest to `pos` (Labelme's "Add Point
  // to Edge"); false when no edge is near.
  bool insertVertexAt(const QPointF& pos);
  // Deletes the hovered vertex of a polygon or line strip that keeps enough points.
  bool deleteHoveredVertex();
  // Moves the selected shapes by `delta` image pixels, stopping at the image border.
  bool nudge(const QPointF& delta);

private:
  enum class Drag { None, Vertex, Shapes, RubberBand };

  void updateHover(const QPointF& pos);
  bool deleteVertex(int shapeIndex, int vertex);
  void endDrag();

  int hoveredShape_ = -1;
  int hoveredVertex_ = -1;
  Drag drag_ = Drag::None;
  int gesture_ = 0;
  QPointF pressPos_;
  QPointF currentPos_;
  bool moved_ = false;
  int dragShape_ = -1;
  int dragVertex_ = -1;
  QList<int> dragIndices_;
  std::vector<annotation::LabelmeShape> dragOriginals_;
  QList<int> rubberBase_;
};

} // namespace polytrain::ui::annotate
