// Matcher and BalancedPositiveNegativeSampler mirroring torchvision.models.detection._utils (0.14).
#pragma once

#include <ATen/core/Generator.h>
#include <ATen/core/Tensor.h>

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace polytrain::ops {

/// Assigns to every prediction (column of the [M gt, N pred] quality matrix) the best ground truth, or
/// BELOW_LOW_THRESHOLD (-1) / BETWEEN_THRESHOLDS (-2).
class Matcher {
public:
  static constexpr int64_t BELOW_LOW_THRESHOLD = -1;
  static constexpr int64_t BETWEEN_THRESHOLDS = -2;

  Matcher(double high_threshold, double low_threshold, bool allow_low_quality_matches = false);

  /// Returns int64 [N]. Throws (c10::Error) on an empty matrix, naming which side is empty.
  at::Tensor operator()(const at::Tensor& match_quality_matrix) const;

  double high_threshold() const { return high_threshold_; }
  double low_threshold() const { return low_threshold_; }
  bool allow_low_quality_matches() const { return allow_low_quality_matches_; }

private:
  double high_threshold_;
  double low_threshold_;
  bool allow_low_quality_matches_;
};

/// SSD's matcher: a single threshold, and every ground truth keeps its best prediction.
class SSDMatcher {
public:
  explicit SSDMatcher(double threshold);
  at::Tensor operator()(const at::Tensor& match_quality_matrix) const;

private:
  Matcher matcher_;
};

/// Samples per image up to batch_size_per_image elements with at most positive_fraction positives
/// (matched index >= 1 positive, 0 negative, -1 ignored). Returns (positive masks, negative masks) as uint8.
/// With a generator the draws are deterministic; it consumes random numbers exactly as torchvision does with the
/// global generator (two randperm calls per image), so seeding both the same way gives the same samples.
class BalancedPositiveNegativeSampler {
public:
  BalancedPositiveNegativeSampler(int64_t batch_size_per_image, double positive_fraction);

  std::pair<std::vector<at::Tensor>, std::vector<at::Tensor>>
  operator()(const std::vector<at::Tensor>& matched_idxs, std::optional<at::Generator> generator = std::nullopt) const;

private:
  int64_t batch_size_per_image_;
  double positive_fraction_;
};

} // namespace polytrain::ops
