#pragma once
// The shapes of the open image (Labelme's "Polygon Labels"): one row per shape with its label colour, label,
// group id and type; the check box shows or hides the shape; the selection is the canvas selection, both ways.
// Double-click edits the label.
#include <QDockWidget>
#include <QPointer>

class QListWidget;

namespace polytrain::ui::annotate {

class AnnotationDocument;
class ShapeViewState;

class ShapeListDock : public QDockWidget {
  Q_OBJECT
public:
  explicit ShapeListDock(QWidget* parent = nullptr);

  void setDocument(AnnotationDocument* document, ShapeViewState* viewState);
  QListWidget* list() const { return list_; }

signals:
  void editLabelRequested();

private:
  void rebuild();
  void syncSelectionFromView();
  void syncSelectionToView();

  QListWidget* list_;
  QPointer<AnnotationDocument> document_;
  QPointer<ShapeViewState> viewState_;
  bool syncing_ = false;
};

} // namespace polytrain::ui::annotate
