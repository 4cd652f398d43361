#include "ui/annotate/image_loader.h"

#include "core/annotation/image_loading.h"
#include "core/annotation/labelme_reader.h"
#include "ui/annotate/decoded_image_cache.h"

#include <QFileInfo>

namespace polytrain::ui::annotate {

namespace {
QString messages(const std::vector<Error>& errors) {
  QStringList lines;
  for (const Error& error : errors)
    lines << QString::fromStdString(error.message());
  return lines.join('\n');
}
} // namespace

LoadedImage loadImageForAnnotation(const QString& imagePath, const QString& jsonPath, DecodedImageCache* cache) {
  LoadedImage out;
  out.imagePath = imagePath;
  out.jsonPath = jsonPath;
  if (QFileInfo(jsonPath).isFile()) {
    annotation::LoadResult read = annotation::readLabelmeFile(jsonPath.toStdString());
    if (!read.ok()) {
      out.error = messages(read.errors);
      return out;
    }
    for (const Error& warning : read.warnings)
      out.warnings << QString::fromStdString(warning.message());
    out.document = std::move(*read.document);
    out.hasLabelFile = true;
    if (out.document.imageData) {
      // The image as stored in the file (Labelme shows embedded data as is).
      annotation::ImageLoadResult image = annotation::loadDocumentImage(out.document, jsonPath.toStdString());
      if (image.image.empty()) {
        out.error = messages(image.errors);
        return out;
      }
      const DecodedImage display =
          toDisplayImages(image.image.data, image.image.cols, image.image.rows, image.image.step);
      out.image = display.image;
      out.preview = display.preview;
      if (!QFileInfo(imagePath).isFile())
        out.imagePath = QString::fromStdString(annotation::resolveImagePath(out.document, jsonPath.toStdString()));
      return out;
    }
    if (!QFileInfo(imagePath).isFile())
      out.imagePath = QString::fromStdString(annotation::resolveImagePath(out.document, jsonPath.toStdString()));
  }
  if (out.imagePath.isEmpty() || !QFileInfo(out.imagePath).isFile()) {
    out.error =
        QObject::tr("%1: the image \"%2\" was not found").arg(jsonPath, QString::fromStdString(out.document.imagePath));
    return out;
  }
  DecodedImageCache local(1);
  bool fromCache = false;
  const std::shared_ptr<const DecodedImage> decoded = (cache ? cache : &local)->get(out.imagePath, &fromCache);
  if (!decoded->error.empty()) {
    out.error = QString::fromStdString(decoded->error);
    return out;
  }
  out.image = decoded->image;
  out.preview = decoded->preview;
  out.decodeMilliseconds = fromCache ? 0.0 : decoded->decodeMilliseconds;
  if (out.hasLabelFile && out.document.imageWidth && *out.document.imageWidth != out.image.width())
    out.warnings << QObject::tr("%1: imageWidth is %2 but the image is %3 pixels wide; the real size is used")
                        .arg(jsonPath)
                        .arg(*out.document.imageWidth)
                        .arg(out.image.width());
  if (out.hasLabelFile && out.document.imageHeight && *out.document.imageHeight != out.image.height())
    out.warnings << QObject::tr("%1: imageHeight is %2 but the image is %3 pixels high; the real size is used")
                        .arg(jsonPath)
                        .arg(*out.document.imageHeight)
                        .arg(out.image.height());
  return out;
}

ImageLoader::ImageLoader(QObject* parent) : QObject(parent), cache_(std::make_shared<DecodedImageCache>(4)) {
  requests_.setMaxThreadCount(1);
  prefetches_.setMaxThreadCount(1);
}

ImageLoader::~ImageLoader() {
  latest_ = -1;
  requests_.clear();
  prefetches_.clear();
  requests_.waitForDone();
  prefetches_.waitForDone();
}

int ImageLoader::request(const QString& imagePath, const QString& jsonPath) {
  const int id = ++latest_;
  auto cache = cache_;
  requests_.start([this, id, imagePath, jsonPath, cache] {
    if (id != latest_)
      return; // a newer request came while this one waited
    auto result = std::make_shared<const LoadedImage>(loadImageForAnnotation(imagePath, jsonPath, cache.get()));
    QMetaObject::invokeMethod(
        this,
        [this, id, result] {
          if (id == latest_)
            emit loaded(id, result);
        },
        Qt::QueuedConnection);
  });
  return id;
}

void ImageLoader::prefetch(const QStringList& imagePaths) {
  prefetches_.clear(); // older prefetches that have not started are no longer the neighbours
  auto cache = cache_;
  for (const QString& path : imagePaths)
    prefetches_.start([path, cache] {
      if (!cache->contains(path))
        cache->get(path);
    });
}

} // namespace polytrain::ui::annotate
