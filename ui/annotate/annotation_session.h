#pragma once
// The annotation work on a folder: which images there are, which one is open, loading it (asynchronously) with its
// Labelme file, saving (autosave after every edit by default, atomic writes through core), the unsaved-changes
// prompt, the output folder and "keep previous annotation". Widgets observe it; it owns the open document.
#include "core/annotation/labelme_document.h"
#include "ui/annotate/image_loader.h"

#include <QImage>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>
#include <vector>

namespace polytrain::ui::annotate {

class AnnotationDocument;
class FileListModel;
class ImageFolderScanner;

class AnnotationSession : public QObject {
  Q_OBJECT
public:
  enum class UnsavedChoice { Save, Discard, Cancel };
  using UnsavedPrompt = std::function<UnsavedChoice(const QString& jsonPath)>;

  explicit AnnotationSession(QObject* parent = nullptr);
  ~AnnotationSession() override;

  FileListModel* files() const { return files_; }
  AnnotationDocument* document() const;
  int currentRow() const { return currentRow_; }
  bool isLoading() const { return loading_; }

  // Lists the folder's images in the background and opens the first one as soon as the list is known.
  bool openFolder(const QString& folder);
  // Opens one image, or one Labelme JSON file with its image.
  bool openFile(const QString& path);
  bool openRow(int row);
  bool openNext();
  bool openPrevious();
  bool closeImage();
  // Removes the open image's Labelme file (the shapes stay on screen as unsaved edits).
  bool deleteLabelFile();

  bool save();
  bool saveAs(const QString& jsonPath);
  // Before leaving the open image: saves (autosave) or asks; false when the user cancelled.
  bool maySwitchAway();

  QString outputDir() const { return outputDir_; }
  void setOutputDir(const QString& folder);
  bool autosave() const { return autosave_; }
  void setAutosave(bool on);
  bool saveImageData() const { return saveImageData_; }
  void setSaveImageData(bool on) { saveImageData_ = on; }
  bool keepPrevious() const { return keepPrevious_; }
  void setKeepPrevious(bool on) { keepPrevious_ = on; }
  void setUnsavedPrompt(UnsavedPrompt prompt) { prompt_ = std::move(prompt); }

  // The Labelme file for a row of the list (beside the image or in the output folder).
  QString labelFileForRow(int row) const;

  static constexpr int kAutosaveDelayMs = 300;

signals:
  void documentAboutToClose(polytrain::ui::annotate::AnnotationDocument* document);
  void documentOpened(polytrain::ui::annotate::AnnotationDocument* document, const QImage& image,
                      const QImage& preview);
  void currentRowChanged(int row);
  void folderListed(const QString& folder, int imageCount);
  void loadFailed(const QString& message);
  void saveFailed(const QString& message);
  void message(const QString& text);

private:
  void onListed(int job, const QStringList& files);
  void onLoaded(int requestId, std::shared_ptr<const LoadedImage> result);
  void scheduleAutosave();
  void closeDocument();
  void prefetchNeighbours();

  FileListModel* files_;
  ImageFolderScanner* scanner_;
  ImageLoader* loader_;
  QPointer<AnnotationDocument> document_;
  QTimer autosaveTimer_;
  UnsavedPrompt prompt_;
  QString folder_;
  QString outputDir_;
  int currentRow_ = -1;
  bool loading_ = false;
  bool openFirstWhenListed_ = false;
  bool autosave_ = true;
  bool saveImageData_ = false;
  bool keepPrevious_ = false;
  bool skipKeepPreviousOnce_ = false;
  std::vector<annotation::LabelmeShape> previousShapes_;
};

} // namespace polytrain::ui::annotate
