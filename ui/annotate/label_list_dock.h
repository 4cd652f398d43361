#pragma once
// The labels of the open image with their colour and how many shapes carry each; clicking a label selects its
// shapes.
#include <QDockWidget>
#include <QPointer>

class QListWidget;

namespace polytrain::ui::annotate {

class AnnotationDocument;
class ShapeViewState;

class LabelListDock : public QDockWidget {
  Q_OBJECT
public:
  explicit LabelListDock(QWidget* parent = nullptr);

  void setDocument(AnnotationDocument* document, ShapeViewState* viewState);
  QListWidget* list() const { return list_; }

private:
  void rebuild();

  QListWidget* list_;
  QPointer<AnnotationDocument> document_;
  QPointer<ShapeViewState> viewState_;
};

} // namespace polytrain::ui::annotate
