#include "ui/annotate/annotation_document.h"

#include "core/annotation/base64.h"
#include "core/annotation/image_loading.h"
#include "core/annotation/labelme_writer.h"

#include <QDir>
#include <QFileInfo>
#include <QUndoStack>

#include <algorithm>

namespace polytrain::ui::annotate {

AnnotationDocument::AnnotationDocument(annotation::LabelmeDocument data, QString imagePath, QString jsonPath,
                                       QSize imageSize, QObject* parent)
    : QObject(parent), data_(std::move(data)), imagePath_(std::move(imagePath)), jsonPath_(std::move(jsonPath)),
      imageSize_(imageSize), undoStack_(new QUndoStack(this)) {
  connect(undoStack_, &QUndoStack::cleanChanged, this, &AnnotationDocument::emitModified);
}

AnnotationDocument::~AnnotationDocument() = default;

bool AnnotationDocument::isModified() const {
  return modifiedOutsideStack_ || !undoStack_->isClean();
}

void AnnotationDocument::markModified() {
  modifiedOutsideStack_ = true;
  emitModified();
}

void AnnotationDocument::emitModified() {
  const bool modified = isModified();
  if (modified != lastModified_) {
    lastModified_ = modified;
    emit modifiedChanged(modified);
  }
}

void AnnotationDocument::insertShapes(const QList<int>& indices, const std::vector<annotation::LabelmeShape>& shapes) {
  for (int i = 0; i < indices.size() && i < static_cast<int>(shapes.size()); ++i) {
    const int at = std::clamp(indices[i], 0, shapeCount());
    data_.shapes.insert(data_.shapes.begin() + at, shapes[static_cast<size_t>(i)]);
  }
  emit shapesInserted(indices);
}

std::vector<annotation::LabelmeShape> AnnotationDocument::removeShapes(const QList<int>& indices) {
  std::vector<annotation::LabelmeShape> removed;
  for (int index : indices)
    removed.push_back(shape(index));
  for (auto it = indices.rbegin(); it != indices.rend(); ++it)
    data_.shapes.erase(data_.shapes.begin() + *it);
  emit shapesRemoved(indices);
  return removed;
}

void AnnotationDocument::replaceShape(int index, const annotation::LabelmeShape& shape) {
  data_.shapes.at(static_cast<size_t>(index)) = shape;
  emit shapeChanged(index);
}

void AnnotationDocument::setImageFlags(const nlohmann::ordered_json& flags) {
  data_.flags = flags;
  emit imageFlagsChanged();
}

annotation::LabelmeDocument AnnotationDocument::documentForSaving(const QString& jsonPath) const {
  annotation::LabelmeDocument out = data_;
  out.version = annotation::kLabelmeWriteVersion; // the layout we write is labelme 5.x, as Labelme stamps its own
  if (!imagePath_.isEmpty())
    out.imagePath = QFileInfo(jsonPath).absoluteDir().relativeFilePath(imagePath_).toStdString();
  if (imageSize_.isValid()) {
    out.imageHeight = imageSize_.height();
    out.imageWidth = imageSize_.width();
  }
  return out;
}

std::optional<Error> AnnotationDocument::save(bool withImageData) {
  return saveAs(jsonPath_, withImageData);
}

std::optional<Error> AnnotationDocument::saveAs(const QString& jsonPath, bool withImageData) {
  annotation::LabelmeDocument out = documentForSaving(jsonPath);
  const bool imageFileExists = !imagePath_.isEmpty() && QFileInfo(imagePath_).isFile();
  // An image that exists only as imageData keeps it whatever the option says; otherwise it would be lost.
  if (imageFileExists && (withImageData || data_.imageData)) {
    Error failure;
    const std::optional<std::string> bytes = annotation::imageBytesForEmbedding(imagePath_.toStdString(), &failure);
    if (!bytes)
      return failure;
    out.imageData = annotation::encodeBase64(*bytes);
  } else if (imageFileExists) {
    out.imageData.reset();
  }
  if (!QDir().mkpath(QFileInfo(jsonPath).absolutePath()))
    return Error{jsonPath.toStdString(), "", "cannot create the folder"};
  if (std::optional<Error> failure = annotation::writeLabelmeFile(jsonPath.toStdString(), out))
    return failure;
  data_.imageData = out.imageData;
  jsonPath_ = jsonPath;
  modifiedOutsideStack_ = false;
  undoStack_->setClean();
  emitModified();
  emit saved(jsonPath_);
  return std::nullopt;
}

} // namespace polytrain::ui::annotate
