#pragma once
// A few recently decoded images, shared between the loader's threads. A second request for an image that is being
// decoded waits for that decode instead of starting another.
#include <QImage>
#include <QString>

#include <cstdint>
#include <future>
#include <list>
#include <memory>
#include <mutex>
#include <string>

namespace polytrain::ui::annotate {

struct DecodedImage {
  QImage image;   // Format_RGB32
  QImage preview; // null for small images
  std::string error;
  double decodeMilliseconds = 0;
};

// The display copy of BGR pixels: RGB32 plus a preview at most `kPreviewSide` pixels wide or high.
DecodedImage toDisplayImages(const void* bgrData, int width, int height, size_t step);
inline constexpr int kPreviewSide = 2048;

class DecodedImageCache {
public:
  explicit DecodedImageCache(size_t capacity = 4) : capacity_(capacity) {}

  // The decoded image file at `path` (EXIF orientation applied); decodes it on this thread when nobody has.
  std::shared_ptr<const DecodedImage> get(const QString& path, bool* fromCache = nullptr);
  bool contains(const QString& path);

private:
  struct Entry {
    std::string key;
    std::shared_future<std::shared_ptr<const DecodedImage>> value;
  };
  std::string keyFor(const QString& path) const;

  size_t capacity_;
  std::mutex mutex_;
  std::list<Entry> entries_; // most recent first
};

} // namespace polytrain::ui::annotate
