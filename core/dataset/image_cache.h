#pragma once
// Decoded images kept in memory within a byte budget, shared by the loader's worker threads. Entries are added
// until the budget is full and then kept (for epoch after epoch over the same files, evicting would only trade one
// miss for another). Returned images share pixels with the cache: treat them as read-only.
#include <opencv2/core/mat.hpp>

#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace polytrain::dataset {

class ImageCache {
public:
  explicit ImageCache(size_t budgetBytes) : budget_(budgetBytes) {}

  std::optional<cv::Mat> find(const std::string& key) const;
  // Keeps `image` when it fits in what is left of the budget; returns whether it was kept.
  bool insert(const std::string& key, const cv::Mat& image);

  size_t budgetBytes() const { return budget_; }
  size_t bytesUsed() const;
  size_t size() const;
  size_t hits() const;
  size_t misses() const;

private:
  const size_t budget_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, cv::Mat> images_;
  size_t used_ = 0;
  mutable size_t hits_ = 0;
  mutable size_t misses_ = 0;
};

} // namespace polytrain::dataset
