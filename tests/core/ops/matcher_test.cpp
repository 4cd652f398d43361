#include "core/ops/matcher.h"

#include "oracle_support.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <gtest/gtest.h>

namespace polytrain::ops {
namespace {

at::Tensor longs(std::vector<int64_t> v) {
  return at::tensor(v, at::kLong);
}

TEST(Matcher, HandComputedThresholdsAndLowQualityMatches) {
  // 2 gt x 4 predictions.
  const at::Tensor q = at::tensor({0.9f, 0.4f, 0.1f, 0.2f, 0.3f, 0.6f, 0.2f, 0.35f}).view({2, 4});
  EXPECT_TRUE(at::equal(Matcher(0.7, 0.3)(q), longs({0, -2, -1, -2})));
  // gt 1's best prediction (column 1, 0.6) is between thresholds: low-quality matching restores it.
  EXPECT_TRUE(at::equal(Matcher(0.7, 0.3, true)(q), longs({0, 1, -1, -2})));
  EXPECT_THROW(Matcher(0.7, 0.3)(at::zeros({0, 4})), c10::Error);
  EXPECT_THROW(Matcher(0.3, 0.7), c10::Error);
}

TEST(Matcher, MatchesTorchvision) {
  const test::OracleData o("matcher", 2);
  const at::Tensor q = o.at("quality");
  EXPECT_TRUE(at::equal(Matcher(0.7, 0.3, true)(q), o.at("rpn")));
  EXPECT_TRUE(at::equal(Matcher(0.5, 0.5, false)(q), o.at("roi")));
  EXPECT_TRUE(at::equal(SSDMatcher(0.5)(q), o.at("ssd")));
}

TEST(BalancedPositiveNegativeSampler, HandComputedCounts) {
  const BalancedPositiveNegativeSampler sampler(8, 0.25);
  const at::Tensor matched = longs({1, 2, 3, 0, 0, 0, 0, 0, 0, 0, -1, 0});
  const auto [pos, neg] = sampler({matched}, at::detail::createCPUGenerator(3));
  EXPECT_EQ(pos[0].sum().item<int64_t>(), 2);
  EXPECT_EQ(neg[0].sum().item<int64_t>(), 6);
  EXPECT_EQ((pos[0] * (matched < 1)).sum().item<int64_t>(), 0);
  EXPECT_EQ((neg[0] * (matched != 0)).sum().item<int64_t>(), 0);
  // Deterministic with a seeded generator.
  const auto [pos2, neg2] = sampler({matched}, at::detail::createCPUGenerator(3));
  EXPECT_TRUE(at::equal(pos[0], pos2[0]));
  EXPECT_TRUE(at::equal(neg[0], neg2[0]));
}

TEST(BalancedPositiveNegativeSampler, MatchesTorchvisionWithTheSameSeed) {
  const test::OracleData o("matcher", 2);
  const BalancedPositiveNegativeSampler sampler(64, 0.25);
  const auto [pos, neg] = sampler({o.at("matched", 0), o.at("matched", 1)}, at::detail::createCPUGenerator(1234));
  for (int64_t i = 0; i < 2; ++i) {
    EXPECT_TRUE(at::equal(pos[static_cast<size_t>(i)], o.at("pos", i))) << i;
    EXPECT_TRUE(at::equal(neg[static_cast<size_t>(i)], o.at("neg", i))) << i;
  }
}

} // namespace
} // namespace polytrain::ops
