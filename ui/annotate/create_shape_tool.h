#pragma once
// Draws a new shape of one Labelme type, as Labelme does: polygon and line strip point by point (a polygon closes
// by clicking near its first point, with Enter or a double click; Backspace or Ctrl+Z drops the last point);
// rectangle, circle and line from two clicks or one drag; point with one click. Esc cancels. Points outside the
// image are pulled to its border. The finished shape gets its label from the canvas's label requester and is
// added with an undo command.
#include "core/annotation/labelme_document.h"
#include "ui/annotate/annotation_tool.h"

#include <QVector>

namespace polytrain::ui::annotate {

class CreateShapeTool : public AnnotationTool {
  Q_OBJECT
public:
  explicit CreateShapeTool(annotation::ShapeKind kind, QObject* parent = nullptr);

  QString id() const override;
  annotation::ShapeKind kind() const { return kind_; }

  void mousePressed(const QPointF& pos, QMouseEvent* event) override;
  void mouseMoved(const QPointF& pos, QMouseEvent* event) override;
  void mouseReleased(const QPointF& pos, QMouseEvent* event) override;
  void mouseDoubleClicked(const QPointF& pos, QMouseEvent* event) override;
  bool keyPressed(QKeyEvent* event) override;
  void paintOverlay(QPainter& painter, double scale) const override;

  bool isBusy() const override { return !points_.isEmpty(); }
  bool undoLastPoint() override;
  bool finish() override;
  void cancel() override;

  static QString shapeTypeName(annotation::ShapeKind kind); // "polygon", "linestrip", ...
  // A Labelme shape_type ("polygon", ...) in the user's language; unknown types as they are.
  static QString shapeTypeTitle(const QString& shapeType);

private:
  bool isTwoPointKind() const;
  bool nearFirstPoint(const QPointF& pos) const;
  QPointF bounded(const QPointF& pos) const;
  void commit();
  void setPoints(QVector<QPointF> points);

  annotation::ShapeKind kind_;
  QVector<QPointF> points_;
  QPointF cursor_;
  QPointF pressScreen_;
  bool hasCursor_ = false;
};

} // namespace polytrain::ui::annotate
