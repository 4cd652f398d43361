#pragma once
// Which shapes of the open document are selected and which are hidden. View state, not data: the canvas and
// the lists share it, and it follows the document's inserts and removals so indices stay right.
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>

namespace polytrain::ui::annotate {

class AnnotationDocument;

class ShapeViewState : public QObject {
  Q_OBJECT
public:
  explicit ShapeViewState(QObject* parent = nullptr);

  // Starts over for `document` (may be null): nothing selected, nothing hidden.
  void attach(AnnotationDocument* document);

  const QList<int>& selected() const { return selected_; } // ascending
  bool isSelected(int index) const { return selected_.contains(index); }
  void setSelected(QList<int> indices);
  void toggleSelected(int index);
  void clearSelection() { setSelected({}); }

  bool isHidden(int index) const { return hidden_.contains(index); }
  void setHidden(int index, bool hidden);
  void setAllHidden(bool hidden);

signals:
  void selectionChanged();
  void visibilityChanged();

private:
  void onInserted(const QList<int>& indices);
  void onRemoved(const QList<int>& indices);

  QPointer<AnnotationDocument> document_;
  QList<int> selected_;
  QSet<int> hidden_;
};

} // namespace polytrain::ui::annotate
