#pragma once
// Every edit of an annotation is one of these QUndoCommands (DESIGN.md). Drags push a ReplaceShapesCommand per
// mouse move with the same gesture id; mergeWith folds them into one undo step.
#include "core/annotation/labelme_document.h"

#include <QList>
#include <QUndoCommand>

#include <vector>

namespace polytrain::ui::annotate {

class AnnotationDocument;

// A fresh id for one mouse gesture (press .. release); 0 means "never merge".
int nextGestureId();

class AddShapesCommand : public QUndoCommand {
public:
  // Inserts `shapes` at the ascending final positions `indices`.
  AddShapesCommand(AnnotationDocument* document, QList<int> indices, std::vector<annotation::LabelmeShape> shapes,
                   const QString& text);
  void redo() override;
  void undo() override;

private:
  AnnotationDocument* document_;
  QList<int> indices_;
  std::vector<annotation::LabelmeShape> shapes_;
};

class RemoveShapesCommand : public QUndoCommand {
public:
  RemoveShapesCommand(AnnotationDocument* document, QList<int> indices, const QString& text);
  void redo() override;
  void undo() override;

private:
  AnnotationDocument* document_;
  QList<int> indices_; // ascending
  std::vector<annotation::LabelmeShape> removed_;
};

// Replaces whole shapes: moved points, an inserted or deleted vertex, a new label, group id or flags.
class ReplaceShapesCommand : public QUndoCommand {
public:
  ReplaceShapesCommand(AnnotationDocument* document, QList<int> indices, std::vector<annotation::LabelmeShape> after,
                       const QString& text, int gestureId = 0);
  void redo() override;
  void undo() override;
  int id() const override;
  bool mergeWith(const QUndoCommand* other) override;

private:
  AnnotationDocument* document_;
  QList<int> indices_;
  std::vector<annotation::LabelmeShape> before_;
  std::vector<annotation::LabelmeShape> after_;
  int gestureId_;
};

class SetImageFlagsCommand : public QUndoCommand {
public:
  SetImageFlagsCommand(AnnotationDocument* document, nlohmann::ordered_json after, const QString& text);
  void redo() override;
  void undo() override;

private:
  AnnotationDocument* document_;
  nlohmann::ordered_json before_;
  nlohmann::ordered_json after_;
};

} // namespace polytrain::ui::annotate
