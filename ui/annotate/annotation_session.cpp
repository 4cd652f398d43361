#include "ui/annotate/annotation_session.h"

#include "ui/annotate/annotation_document.h"
#include "ui/annotate/file_list_model.h"
#include "ui/annotate/image_folder_scanner.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUndoStack>

namespace polytrain::ui::annotate {

AnnotationSession::AnnotationSession(QObject* parent)
    : QObject(parent), files_(new FileListModel(this)), scanner_(new ImageFolderScanner(this)),
      loader_(new ImageLoader(this)) {
  autosaveTimer_.setSingleShot(true);
  autosaveTimer_.setInterval(kAutosaveDelayMs);
  connect(&autosaveTimer_, &QTimer::timeout, this, [this] {
    if (autosave_ && document_ && document_->isModified())
      save();
  });
  connect(scanner_, &ImageFolderScanner::listed, this, &AnnotationSession::onListed);
  connect(scanner_, &ImageFolderScanner::annotationsChecked, this,
          [this](int, const QVector<bool>& marks) { files_->setAnnotated(marks); });
  connect(loader_, &ImageLoader::loaded, this, &AnnotationSession::onLoaded);
}

AnnotationSession::~AnnotationSession() {
  // Never lose the last edit: an autosave that has not fired yet is written now.
  if (autosave_ && document_ && document_->isModified())
    document_->save(saveImageData_);
}

AnnotationDocument* AnnotationSession::document() const {
  return document_;
}

QString AnnotationSession::labelFileForRow(int row) const {
  const QString path = files_->path(row);
  if (path.endsWith(".json", Qt::CaseInsensitive))
    return path;
  return labelFileFor(path, outputDir_);
}

bool AnnotationSession::openFolder(const QString& folder) {
  if (!maySwitchAway())
    return false;
  closeDocument();
  previousShapes_.clear();
  folder_ = QFileInfo(folder).absoluteFilePath();
  currentRow_ = -1;
  files_->setFiles(folder_, {});
  openFirstWhenListed_ = true;
  scanner_->scan(folder_, outputDir_);
  emit message(tr("Listing images in %1 ...").arg(folder_));
  return true;
}

bool AnnotationSession::openFile(const QString& path) {
  if (!maySwitchAway())
    return false;
  closeDocument();
  scanner_->cancel();
  const QFileInfo info(path);
  folder_ = info.absolutePath();
  currentRow_ = -1;
  files_->setFiles(folder_, {info.absoluteFilePath()});
  if (!info.absoluteFilePath().endsWith(".json", Qt::CaseInsensitive))
    files_->setAnnotated(0, QFileInfo(labelFileForRow(0)).isFile());
  else
    files_->setAnnotated(0, true);
  emit folderListed(folder_, 1);
  return openRow(0);
}

void AnnotationSession::onListed(int, const QStringList& files) {
  files_->setFiles(folder_, files);
  emit folderListed(folder_, files.size());
  emit message(tr("%n image(s) in %1", nullptr, static_cast<int>(files.size())).arg(folder_));
  if (openFirstWhenListed_ && !files.isEmpty()) {
    openFirstWhenListed_ = false;
    openRow(0);
  }
}

bool AnnotationSession::openRow(int row) {
  if (row < 0 || row >= files_->rowCount())
    return false;
  if (row == currentRow_ && (document_ || loading_))
    return true;
  if (!maySwitchAway())
    return false;
  closeDocument();
  currentRow_ = row;
  loading_ = true;
  emit currentRowChanged(row);
  const QString path = files_->path(row);
  const bool isJson = path.endsWith(".json", Qt::CaseInsensitive);
  loader_->request(isJson ? QString() : path, labelFileForRow(row));
  return true;
}

bool AnnotationSession::openNext() {
  return openRow(currentRow_ + 1);
}
bool AnnotationSession::openPrevious() {
  return currentRow_ > 0 && openRow(currentRow_ - 1);
}

bool AnnotationSession::closeImage() {
  if (!maySwitchAway())
    return false;
  closeDocument();
  return true;
}

void AnnotationSession::onLoaded(int, std::shared_ptr<const LoadedImage> result) {
  loading_ = false;
  if (!result->error.isEmpty()) {
    emit loadFailed(result->error);
    return;
  }
  annotation::LabelmeDocument data;
  if (result->hasLabelFile)
    data = result->document;
  const bool keep = !result->hasLabelFile && keepPrevious_ && !skipKeepPreviousOnce_ && !previousShapes_.empty();
  skipKeepPreviousOnce_ = false;
  if (keep)
    data.shapes = previousShapes_;
  document_ = new AnnotationDocument(std::move(data), result->imagePath, result->jsonPath, result->image.size(), this);
  connect(document_->undoStack(), &QUndoStack::indexChanged, this, &AnnotationSession::scheduleAutosave);
  connect(document_, &AnnotationDocument::modifiedChanged, this, &AnnotationSession::scheduleAutosave);
  connect(document_, &AnnotationDocument::saved, this, [this](const QString& jsonPath) {
    if (jsonPath == labelFileForRow(currentRow_))
      files_->setAnnotated(currentRow_, true);
    emit message(tr("Saved %1").arg(jsonPath));
  });
  if (keep)
    document_->markModified();
  emit documentOpened(document_, result->image, result->preview);
  for (const QString& warning : result->warnings)
    emit message(warning);
  prefetchNeighbours();
}

void AnnotationSession::prefetchNeighbours() {
  QStringList neighbours;
  for (int offset : {1, -1, 2}) {
    const QString path = files_->path(currentRow_ + offset);
    if (!path.isEmpty() && !path.endsWith(".json", Qt::CaseInsensitive))
      neighbours << path;
  }
  loader_->prefetch(neighbours);
}

void AnnotationSession::scheduleAutosave() {
  if (autosave_ && document_ && document_->isModified())
    autosaveTimer_.start();
}

void AnnotationSession::closeDocument() {
  autosaveTimer_.stop();
  if (!document_)
    return;
  if (!document_->shapes().empty())
    previousShapes_ = document_->shapes();
  AnnotationDocument* closing = document_;
  document_ = nullptr;
  emit documentAboutToClose(closing);
  closing->deleteLater();
}

bool AnnotationSession::maySwitchAway() {
  if (!document_ || !document_->isModified())
    return true;
  if (autosave_)
    return save();
  const UnsavedChoice choice = prompt_ ? prompt_(document_->jsonPath()) : UnsavedChoice::Save;
  if (choice == UnsavedChoice::Cancel)
    return false;
  if (choice == UnsavedChoice::Save)
    return save();
  return true;
}

bool AnnotationSession::save() {
  if (!document_)
    return false;
  autosaveTimer_.stop();
  if (std::optional<Error> failure = document_->save(saveImageData_)) {
    emit saveFailed(QString::fromStdString(failure->message()));
    return false;
  }
  return true;
}

bool AnnotationSession::saveAs(const QString& jsonPath) {
  if (!document_)
    return false;
  autosaveTimer_.stop();
  if (std::optional<Error> failure = document_->saveAs(jsonPath, saveImageData_)) {
    emit saveFailed(QString::fromStdString(failure->message()));
    return false;
  }
  return true;
}

bool AnnotationSession::deleteLabelFile() {
  if (!document_ || !QFileInfo(document_->jsonPath()).isFile())
    return false;
  const QString jsonPath = document_->jsonPath();
  if (!QFile::remove(jsonPath))
    return false;
  files_->setAnnotated(currentRow_, false);
  // Reopen the image without its file, as Labelme resets the canvas; the kept shapes stay those of the image before.
  const std::vector<annotation::LabelmeShape> previous = previousShapes_;
  const int row = currentRow_;
  closeDocument();
  previousShapes_ = previous;
  skipKeepPreviousOnce_ = true;
  currentRow_ = -1;
  openRow(row);
  emit message(tr("Deleted %1").arg(jsonPath));
  return true;
}

void AnnotationSession::setOutputDir(const QString& folder) {
  if (folder == outputDir_)
    return;
  if (!maySwitchAway())
    return;
  outputDir_ = folder;
  scanner_->checkAnnotations(files_->files(), outputDir_);
  const int row = currentRow_;
  closeDocument();
  currentRow_ = -1;
  openRow(row);
}

void AnnotationSession::setAutosave(bool on) {
  autosave_ = on;
  scheduleAutosave();
}

} // namespace polytrain::ui::annotate
