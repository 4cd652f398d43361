#pragma once
// Opens an image with its Labelme file off the GUI thread: reads the JSON through core's reader, decodes the image
// (EXIF orientation applied, embedded imageData honoured) and prepares a display copy plus a small preview.
// Decoded images are cached and the neighbours are prefetched, so moving to the next image does not wait for
// a decoder. Only the latest request is answered.
#include "core/annotation/labelme_document.h"

#include <QImage>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QThreadPool>

#include <atomic>
#include <memory>

namespace polytrain::ui::annotate {

class DecodedImageCache;

struct LoadedImage {
  QString imagePath; // the image file; empty when the image exists only as imageData
  QString jsonPath;  // where the annotation is saved
  bool hasLabelFile = false;
  annotation::LabelmeDocument document; // read from jsonPath when hasLabelFile
  QImage image;                         // Format_RGB32, displayed frame
  QImage preview;                       // scaled down for zoomed-out drawing; null for small images
  QString error;                        // the image or JSON could not be read; nothing else is valid
  QStringList warnings;
  double decodeMilliseconds = 0; // 0 when the image came from the cache
};

// Synchronous loading, as the worker does it (tests and benchmarks call it directly).
LoadedImage loadImageForAnnotation(const QString& imagePath, const QString& jsonPath, DecodedImageCache* cache);

class ImageLoader : public QObject {
  Q_OBJECT
public:
  explicit ImageLoader(QObject* parent = nullptr);
  ~ImageLoader() override;

  // Loads `imagePath` (or, when it is a .json file, that Labelme file and its image) with its annotation at
  // `jsonPath`. Emits `loaded` with this request's id unless a newer request came first.
  int request(const QString& imagePath, const QString& jsonPath);
  // Decodes these images into the cache in the background (the neighbours of the current one).
  void prefetch(const QStringList& imagePaths);
  int latestRequest() const { return latest_; }

signals:
  void loaded(int requestId, std::shared_ptr<const polytrain::ui::annotate::LoadedImage> result);

private:
  QThreadPool requests_;
  QThreadPool prefetches_;
  std::shared_ptr<DecodedImageCache> cache_;
  std::atomic<int> latest_{0};
};

} // namespace polytrain::ui::annotate
