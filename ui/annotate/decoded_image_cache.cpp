#include "ui/annotate/decoded_image_cache.h"

#include "core/annotation/image_loading.h"
#include "core/common/atomic_file.h"

#include <QElapsedTimer>
#include <QFileInfo>

#include <opencv2/imgproc.hpp>

#include <algorithm>

namespace polytrain::ui::annotate {

DecodedImage toDisplayImages(const void* bgrData, int width, int height, size_t step) {
  DecodedImage out;
  const cv::Mat bgr(height, width, CV_8UC3, const_cast<void*>(bgrData), step);
  out.image = QImage(width, height, QImage::Format_RGB32);
  cv::Mat bgra(height, width, CV_8UC4, out.image.bits(), static_cast<size_t>(out.image.bytesPerLine()));
  cv::cvtColor(bgr, bgra, cv::COLOR_BGR2BGRA); // byte order B,G,R,255 is QImage::Format_RGB32 on little endian
  const int side = std::max(width, height);
  if (side > kPreviewSide) {
    const double ratio = double(kPreviewSide) / side;
    const int pw = std::max(1, int(width * ratio + 0.5)), ph = std::max(1, int(height * ratio + 0.5));
    out.preview = QImage(pw, ph, QImage::Format_RGB32);
    cv::Mat small(ph, pw, CV_8UC4, out.preview.bits(), static_cast<size_t>(out.preview.bytesPerLine()));
    cv::resize(bgra, small, small.size(), 0, 0, cv::INTER_AREA);
  }
  return out;
}

std::string DecodedImageCache::keyFor(const QString& path) const {
  const QFileInfo info(path);
  return info.absoluteFilePath().toStdString() + '|' + std::to_string(info.size()) + '|' +
         std::to_string(info.lastModified().toMSecsSinceEpoch());
}

bool DecodedImageCache::contains(const QString& path) {
  const std::string key = keyFor(path);
  std::lock_guard lock(mutex_);
  return std::any_of(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.key == key; });
}

std::shared_ptr<const DecodedImage> DecodedImageCache::get(const QString& path, bool* fromCache) {
  const std::string key = keyFor(path);
  std::promise<std::shared_ptr<const DecodedImage>> promise;
  {
    std::unique_lock lock(mutex_);
    auto found = std::find_if(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.key == key; });
    if (found != entries_.end()) {
      entries_.splice(entries_.begin(), entries_, found);
      auto value = found->value;
      lock.unlock();
      if (fromCache)
        *fromCache = true;
      return value.get();
    }
    entries_.push_front({key, promise.get_future().share()});
    while (entries_.size() > capacity_)
      entries_.pop_back();
  }
  if (fromCache)
    *fromCache = false;
  QElapsedTimer timer;
  timer.start();
  auto decoded = std::make_shared<DecodedImage>();
  std::string bytes;
  if (std::optional<Error> failure = readWholeFile(path.toStdString(), bytes)) {
    decoded->error = failure->message();
  } else {
    const cv::Mat image = annotation::decodeImageBytes(bytes, true);
    if (image.empty())
      decoded->error = path.toStdString() + ": not a decodable image";
    else
      *decoded = toDisplayImages(image.data, image.cols, image.rows, image.step);
  }
  decoded->decodeMilliseconds = double(timer.nsecsElapsed()) / 1e6;
  promise.set_value(decoded);
  if (!decoded->error.empty()) { // a failed decode is not remembered: the file may be fixed
    std::lock_guard lock(mutex_);
    entries_.remove_if([&](const Entry& e) { return e.key == key; });
  }
  return decoded;
}

} // namespace polytrain::ui::annotate
