#pragma once
// A canvas tool (like Tiled's AbstractTool): the canvas forwards mouse and key events in image coordinates to the
// active tool; the tool edits the document only through undo commands and paints its own overlay.
#include <QObject>
#include <QPointF>
#include <QString>

class QKeyEvent;
class QMouseEvent;
class QPainter;

namespace polytrain::ui::annotate {

class AnnotationCanvas;

class AnnotationTool : public QObject {
  Q_OBJECT
public:
  explicit AnnotationTool(QObject* parent = nullptr);

  virtual QString id() const = 0; // "polygon", "rectangle", ..., "edit"

  void setCanvas(AnnotationCanvas* canvas) { canvas_ = canvas; }
  AnnotationCanvas* canvas() const { return canvas_; }

  virtual void activate() {}
  virtual void deactivate() { cancel(); }

  virtual void mousePressed(const QPointF& /*pos*/, QMouseEvent* /*event*/) {}
  virtual void mouseMoved(const QPointF& /*pos*/, QMouseEvent* /*event*/) {}
  virtual void mouseReleased(const QPointF& /*pos*/, QMouseEvent* /*event*/) {}
  virtual void mouseDoubleClicked(const QPointF& /*pos*/, QMouseEvent* /*event*/) {}
  // True when the key was used.
  virtual bool keyPressed(QKeyEvent* /*event*/) { return false; }

  // Drawn over the shapes; `painter` is in image coordinates, `scale` image -> screen.
  virtual void paintOverlay(QPainter& /*painter*/, double /*scale*/) const {}

  // Hover feedback for the shape painter: the shape and vertex under the cursor, or -1.
  virtual int hoveredShape() const { return -1; }
  virtual int hoveredVertex() const { return -1; }

  // A shape is being drawn.
  virtual bool isBusy() const { return false; }
  virtual bool undoLastPoint() { return false; } // Ctrl+Z / Backspace while drawing
  virtual bool finish() { return false; }        // Enter
  virtual void cancel() {}                       // Esc

signals:
  void changed(); // overlay or hover changed: repaint
  void busyChanged(bool busy);

private:
  AnnotationCanvas* canvas_ = nullptr;
};

} // namespace polytrain::ui::annotate
