#include "core/dataset/image_cache.h"

namespace polytrain::dataset {

std::optional<cv::Mat> ImageCache::find(const std::string& key) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = images_.find(key);
  if (found == images_.end()) {
    ++misses_;
    return std::nullopt;
  }
  ++hits_;
  return found->second;
}

bool ImageCache::insert(const std::string& key, const cv::Mat& image) {
  const size_t bytes = image.total() * image.elemSize();
  std::lock_guard<std::mutex> lock(mutex_);
  if (images_.count(key))
    return true;
  if (used_ + bytes > budget_)
    return false;
  images_.emplace(key, image);
  used_ += bytes;
  return true;
}

size_t ImageCache::bytesUsed() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return used_;
}

size_t ImageCache::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return images_.size();
}

size_t ImageCache::hits() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return hits_;
}

size_t ImageCache::misses() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return misses_;
}

} // namespace polytrain::dataset
