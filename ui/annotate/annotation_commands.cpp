#include "ui/annotate/annotation_commands.h"

#include "ui/annotate/annotation_document.h"

#include <algorithm>
#include <atomic>

namespace polytrain::ui::annotate {

int nextGestureId() {
  static std::atomic<int> next{1};
  return next++;
}

AddShapesCommand::AddShapesCommand(AnnotationDocument* document, QList<int> indices,
                                   std::vector<annotation::LabelmeShape> shapes, const QString& text)
    : QUndoCommand(text), document_(document), indices_(std::move(indices)), shapes_(std::move(shapes)) {}

void AddShapesCommand::redo() {
  document_->insertShapes(indices_, shapes_);
}
void AddShapesCommand::undo() {
  document_->removeShapes(indices_);
}

RemoveShapesCommand::RemoveShapesCommand(AnnotationDocument* document, QList<int> indices, const QString& text)
    : QUndoCommand(text), document_(document), indices_(std::move(indices)) {
  std::sort(indices_.begin(), indices_.end());
  indices_.erase(std::unique(indices_.begin(), indices_.end()), indices_.end());
}

void RemoveShapesCommand::redo() {
  removed_ = document_->removeShapes(indices_);
}
void RemoveShapesCommand::undo() {
  document_->insertShapes(indices_, removed_);
}

ReplaceShapesCommand::ReplaceShapesCommand(AnnotationDocument* document, QList<int> indices,
                                           std::vector<annotation::LabelmeShape> after, const QString& text,
                                           int gestureId)
    : QUndoCommand(text), document_(document), indices_(std::move(indices)), after_(std::move(after)),
      gestureId_(gestureId) {
  for (int index : indices_)
    before_.push_back(document_->shape(index));
}

void ReplaceShapesCommand::redo() {
  for (int i = 0; i < indices_.size(); ++i)
    document_->replaceShape(indices_[i], after_[static_cast<size_t>(i)]);
}

void ReplaceShapesCommand::undo() {
  for (int i = 0; i < indices_.size(); ++i)
    document_->replaceShape(indices_[i], before_[static_cast<size_t>(i)]);
}

int ReplaceShapesCommand::id() const {
  return gestureId_ != 0 ? 0x5045 : -1;
}

bool ReplaceShapesCommand::mergeWith(const QUndoCommand* other) {
  const auto* next = dynamic_cast<const ReplaceShapesCommand*>(other);
  if (next == nullptr || next->gestureId_ != gestureId_ || next->indices_ != indices_ || next->document_ != document_)
    return false;
  after_ = next->after_;
  return true;
}

SetImageFlagsCommand::SetImageFlagsCommand(AnnotationDocument* document, nlohmann::ordered_json after,
                                           const QString& text)
    : QUndoCommand(text), document_(document), before_(document->data().flags), after_(std::move(after)) {}

void SetImageFlagsCommand::redo() {
  document_->setImageFlags(after_);
}
void SetImageFlagsCommand::undo() {
  document_->setImageFlags(before_);
}

} // namespace polytrain::ui::annotate
