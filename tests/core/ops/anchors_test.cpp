#include "core/ops/anchors.h"

#include "oracle_support.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

namespace polytrain::ops {
namespace {

TEST(AnchorGenerator, HandComputedBaseAndGridAnchors) {
  // size 32, ratio 1 -> [-16, -16, 16, 16]; ratio 4 (h/w) -> w 16, h 64 -> [-8, -32, 8, 32].
  const at::Tensor base = AnchorGenerator::generate_anchors({32}, {1.0, 4.0});
  EXPECT_TRUE(at::equal(base, at::tensor({-16.f, -16.f, 16.f, 16.f, -8.f, -32.f, 8.f, 32.f}).view({2, 4})));
  const AnchorGenerator gen({{32}}, {{1.0}});
  EXPECT_EQ(gen.num_anchors_per_location(), std::vector<int64_t>{1});
  const auto anchors = gen.forward(16, 24, 2, {at::zeros({2, 1, 2, 3})}); // stride 8
  ASSERT_EQ(anchors.size(), 2u);
  ASSERT_EQ(anchors[0].sizes(), (at::IntArrayRef{6, 4}));
  // location (row 1, col 2): shift (16, 8)
  EXPECT_TRUE(at::equal(anchors[0][5], at::tensor({0.f, -8.f, 32.f, 24.f})));
  EXPECT_THROW(gen.forward(16, 24, 1, {at::zeros({1, 1, 2, 3}), at::zeros({1, 1, 1, 1})}), c10::Error);
}

TEST(AnchorGenerator, MatchesTorchvision) {
  const test::OracleData o("anchors", 1);
  const AnchorGenerator fpn({{32}, {64}, {128}, {256}, {512}}, {{0.5, 1.0, 2.0}});
  std::vector<at::Tensor> feats;
  for (const int64_t s : {4, 8, 16, 32, 64}) {
    feats.push_back(at::zeros({2, 4, 224 / s, 320 / s}));
  }
  EXPECT_TRUE(at::equal(fpn.forward(224, 320, 2, feats)[0], o.at("fpn")));
  const AnchorGenerator single({{16, 40, 100}}, {{0.25, 1.0, 3.0}});
  EXPECT_TRUE(at::equal(single.forward(200, 270, 1, {at::zeros({1, 4, 13, 17})})[0], o.at("single")));
}

TEST(DefaultBoxGenerator, MatchesTorchvision) {
  const test::OracleData o("anchors", 1);
  const DefaultBoxGenerator ssdlite(std::vector<std::vector<double>>(6, {2, 3}), 0.2, 0.95);
  std::vector<at::Tensor> f1;
  for (const int64_t s : {20, 10, 5, 3, 2, 1}) {
    f1.push_back(at::zeros({1, 4, s, s}));
  }
  EXPECT_EQ(test::max_abs_diff(ssdlite.forward(320, 320, 1, f1)[0], o.at("ssdlite")), 0.0);
  const DefaultBoxGenerator ssd300({{2}, {2, 3}, {2, 3}, {2, 3}, {2}, {2}}, 0.15, 0.9,
                                   std::vector<double>{0.07, 0.15, 0.33, 0.51, 0.69, 0.87, 1.05},
                                   std::vector<int64_t>{8, 16, 32, 64, 100, 300});
  std::vector<at::Tensor> f2;
  for (const int64_t s : {38, 19, 10, 5, 3, 1}) {
    f2.push_back(at::zeros({1, 4, s, s}));
  }
  EXPECT_EQ(ssd300.num_anchors_per_location(), (std::vector<int64_t>{4, 6, 6, 6, 4, 4}));
  EXPECT_EQ(test::max_abs_diff(ssd300.forward(300, 300, 1, f2)[0], o.at("ssd300")), 0.0);
}

} // namespace
} // namespace polytrain::ops
