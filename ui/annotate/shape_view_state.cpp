#include "ui/annotate/shape_view_state.h"

#include "ui/annotate/annotation_document.h"

#include <algorithm>

namespace polytrain::ui::annotate {

ShapeViewState::ShapeViewState(QObject* parent) : QObject(parent) {}

void ShapeViewState::attach(AnnotationDocument* document) {
  if (document_)
    disconnect(document_, nullptr, this, nullptr);
  document_ = document;
  selected_.clear();
  hidden_.clear();
  if (document_) {
    connect(document_, &AnnotationDocument::shapesInserted, this, &ShapeViewState::onInserted);
    connect(document_, &AnnotationDocument::shapesRemoved, this, &ShapeViewState::onRemoved);
  }
  emit selectionChanged();
  emit visibilityChanged();
}

void ShapeViewState::setSelected(QList<int> indices) {
  std::sort(indices.begin(), indices.end());
  indices.erase(std::unique(indices.begin(), indices.end()), indices.end());
  if (indices == selected_)
    return;
  selected_ = indices;
  emit selectionChanged();
}

void ShapeViewState::toggleSelected(int index) {
  QList<int> next = selected_;
  if (next.contains(index))
    next.removeAll(index);
  else
    next.append(index);
  setSelected(next);
}

void ShapeViewState::setHidden(int index, bool hidden) {
  if (hidden == hidden_.contains(index))
    return;
  if (hidden)
    hidden_.insert(index);
  else
    hidden_.remove(index);
  emit visibilityChanged();
}

void ShapeViewState::setAllHidden(bool hidden) {
  hidden_.clear();
  if (hidden && document_)
    for (int i = 0; i < document_->shapeCount(); ++i)
      hidden_.insert(i);
  emit visibilityChanged();
}

void ShapeViewState::onInserted(const QList<int>& indices) {
  QList<int> selected = selected_;
  QSet<int> hidden = hidden_;
  for (int inserted : indices) { // ascending final positions
    for (int& index : selected)
      if (index >= inserted)
        ++index;
    QSet<int> shifted;
    for (int index : hidden)
      shifted.insert(index >= inserted ? index + 1 : index);
    hidden = shifted;
  }
  hidden_ = hidden;
  selected_ = selected;
  emit visibilityChanged();
  emit selectionChanged();
}

void ShapeViewState::onRemoved(const QList<int>& indices) {
  QList<int> selected = selected_;
  QSet<int> hidden = hidden_;
  for (auto it = indices.rbegin(); it != indices.rend(); ++it) {
    const int removed = *it;
    selected.removeAll(removed);
    for (int& index : selected)
      if (index > removed)
        --index;
    QSet<int> shifted;
    for (int index : hidden)
      if (index != removed)
        shifted.insert(index > removed ? index - 1 : index);
    hidden = shifted;
  }
  hidden_ = hidden;
  selected_ = selected;
  emit visibilityChanged();
  emit selectionChanged();
}

} // namespace polytrain::ui::annotate
