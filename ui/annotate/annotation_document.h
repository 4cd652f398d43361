#pragma once
// The annotation of one image as the studio edits it: core's LabelmeDocument plus the image it belongs to, the
// JSON file it saves to and its undo stack. Views (canvas, lists) observe it through signals; they never own
// shapes. Only undo commands (annotation_commands.h) call the editing functions, so every edit can be undone.
#include "core/annotation/labelme_document.h"
#include "core/common/error.h"

#include <QList>
#include <QObject>
#include <QSize>
#include <QString>

#include <optional>
#include <vector>

class QUndoStack;

namespace polytrain::ui::annotate {

class AnnotationDocument : public QObject {
  Q_OBJECT
public:
  // `imagePath` may be empty when the image lives only as imageData inside the JSON file.
  AnnotationDocument(annotation::LabelmeDocument data, QString imagePath, QString jsonPath, QSize imageSize,
                     QObject* parent = nullptr);
  ~AnnotationDocument() override;

  const annotation::LabelmeDocument& data() const { return data_; }
  const std::vector<annotation::LabelmeShape>& shapes() const { return data_.shapes; }
  int shapeCount() const { return static_cast<int>(data_.shapes.size()); }
  const annotation::LabelmeShape& shape(int index) const { return data_.shapes.at(static_cast<size_t>(index)); }

  QString imagePath() const { return imagePath_; }
  QString jsonPath() const { return jsonPath_; }
  QSize imageSize() const { return imageSize_; }
  QUndoStack* undoStack() const { return undoStack_; }

  // Edits not saved yet: the undo stack is away from its clean state, or shapes came from elsewhere (the
  // previous image's shapes kept with Ctrl+P).
  bool isModified() const;
  void markModified();

  // Editing, for undo commands only. `indices` are ascending; for inserts they are the final positions.
  void insertShapes(const QList<int>& indices, const std::vector<annotation::LabelmeShape>& shapes);
  std::vector<annotation::LabelmeShape> removeShapes(const QList<int>& indices);
  void replaceShape(int index, const annotation::LabelmeShape& shape);
  void setImageFlags(const nlohmann::ordered_json& flags);

  // Writes the Labelme file atomically through core's writer: imagePath relative to the JSON file, the real
  // image size, imageData embedded when `withImageData` or when the file already carried it. Marks the
  // document saved.
  std::optional<Error> save(bool withImageData);
  std::optional<Error> saveAs(const QString& jsonPath, bool withImageData);

  // The document as it would be written to `jsonPath` (without reading the image for imageData).
  annotation::LabelmeDocument documentForSaving(const QString& jsonPath) const;

signals:
  void shapesInserted(const QList<int>& indices);
  void shapesRemoved(const QList<int>& indices);
  void shapeChanged(int index);
  void imageFlagsChanged();
  void modifiedChanged(bool modified);
  void saved(const QString& jsonPath);

private:
  void emitModified();

  annotation::LabelmeDocument data_;
  QString imagePath_;
  QString jsonPath_;
  QSize imageSize_;
  QUndoStack* undoStack_;
  bool modifiedOutsideStack_ = false;
  bool lastModified_ = false;
};

} // namespace polytrain::ui::annotate
