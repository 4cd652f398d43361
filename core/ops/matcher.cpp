#include "core/ops/matcher.h"

#include <ATen/ATen.h>

#include <algorithm>

namespace polytrain::ops {

Matcher::Matcher(double high_threshold, double low_threshold, bool allow_low_quality_matches)
    : high_threshold_(high_threshold), low_threshold_(low_threshold),
      allow_low_quality_matches_(allow_low_quality_matches) {
  TORCH_CHECK(low_threshold <= high_threshold, "Matcher: low_threshold (", low_threshold,
              ") should be <= high_threshold (", high_threshold, ")");
}

at::Tensor Matcher::operator()(const at::Tensor& match_quality_matrix) const {
  TORCH_CHECK(match_quality_matrix.dim() == 2, "Matcher: expected a [M, N] quality matrix, got ",
              match_quality_matrix.sizes());
  if (match_quality_matrix.numel() == 0) {
    TORCH_CHECK(match_quality_matrix.size(0) != 0,
                "Matcher: no ground-truth boxes available for one of the images during training");
    TORCH_CHECK(false, "Matcher: no proposal boxes available for one of the images during training");
  }
  auto [matched_vals, matches] = match_quality_matrix.max(0);
  const at::Tensor all_matches = allow_low_quality_matches_ ? matches.clone() : at::Tensor();
  const at::Tensor below = matched_vals < low_threshold_;
  const at::Tensor between = (matched_vals >= low_threshold_).logical_and(matched_vals < high_threshold_);
  matches.masked_fill_(below, BELOW_LOW_THRESHOLD);
  matches.masked_fill_(between, BETWEEN_THRESHOLDS);
  if (allow_low_quality_matches_) {
    // For every gt, the predictions with its highest quality (ties included) keep their best gt.
    const at::Tensor highest_per_gt = std::get<0>(match_quality_matrix.max(1));
    const at::Tensor pred_inds = at::where(match_quality_matrix == highest_per_gt.unsqueeze(1))[1];
    matches.index_put_({pred_inds}, all_matches.index_select(0, pred_inds));
  }
  return matches;
}

SSDMatcher::SSDMatcher(double threshold) : matcher_(threshold, threshold, false) {}

at::Tensor SSDMatcher::operator()(const at::Tensor& match_quality_matrix) const {
  at::Tensor matches = matcher_(match_quality_matrix);
  const at::Tensor best_pred_per_gt = std::get<1>(match_quality_matrix.max(1));
  matches.index_put_({best_pred_per_gt},
                     at::arange(best_pred_per_gt.size(0), best_pred_per_gt.options().dtype(at::kLong)));
  return matches;
}

BalancedPositiveNegativeSampler::BalancedPositiveNegativeSampler(int64_t batch_size_per_image, double positive_fraction)
    : batch_size_per_image_(batch_size_per_image), positive_fraction_(positive_fraction) {
  TORCH_CHECK(batch_size_per_image > 0, "BalancedPositiveNegativeSampler: batch_size_per_image must be > 0");
  TORCH_CHECK(positive_fraction >= 0 && positive_fraction <= 1,
              "BalancedPositiveNegativeSampler: positive_fraction must be in [0, 1], got ", positive_fraction);
}

std::pair<std::vector<at::Tensor>, std::vector<at::Tensor>>
BalancedPositiveNegativeSampler::operator()(const std::vector<at::Tensor>& matched_idxs,
                                            std::optional<at::Generator> generator) const {
  const c10::optional<at::Generator> gen =
      generator ? c10::optional<at::Generator>(*generator) : c10::optional<at::Generator>();
  std::vector<at::Tensor> pos_masks;
  std::vector<at::Tensor> neg_masks;
  for (const auto& m : matched_idxs) {
    const at::Tensor positive = at::where(m >= 1)[0];
    const at::Tensor negative = at::where(m == 0)[0];
    const int64_t num_pos =
        std::min(positive.numel(), static_cast<int64_t>(batch_size_per_image_ * positive_fraction_));
    const int64_t num_neg = std::min(negative.numel(), batch_size_per_image_ - num_pos);
    const auto idx_opts = positive.options().dtype(at::kLong);
    const at::Tensor perm1 = at::randperm(positive.numel(), gen, idx_opts).narrow(0, 0, num_pos);
    const at::Tensor perm2 = at::randperm(negative.numel(), gen, idx_opts).narrow(0, 0, num_neg);
    at::Tensor pos_mask = at::zeros_like(m, m.options().dtype(at::kByte));
    at::Tensor neg_mask = at::zeros_like(m, m.options().dtype(at::kByte));
    pos_mask.index_fill_(0, positive.index_select(0, perm1), 1);
    neg_mask.index_fill_(0, negative.index_select(0, perm2), 1);
    pos_masks.push_back(pos_mask);
    neg_masks.push_back(neg_mask);
  }
  return {pos_masks, neg_masks};
}

} // namespace polytrain::ops
