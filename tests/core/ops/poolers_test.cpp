#include "core/ops/poolers.h"

#include "core/ops/roi_align.h"
#include "oracle_support.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

namespace polytrain::ops {
namespace {

TEST(LevelMapper, HandComputedFpnLevels) {
  // sqrt(area) 224 -> level 4; 112 -> 3; 448 -> 5; 10 -> clamped to 2; 2000 -> clamped to 5.
  const LevelMapper mapper(2, 5);
  const at::Tensor boxes = at::tensor({0.f,   0.f,   224.f, 224.f, 0.f,  0.f,  112.f, 112.f, 0.f,    0.f,
                                       448.f, 448.f, 0.f,   0.f,   10.f, 10.f, 0.f,   0.f,   2000.f, 2000.f})
                               .view({5, 4});
  EXPECT_TRUE(at::equal(mapper({boxes}), at::tensor(std::vector<int64_t>{2, 1, 3, 0, 3}, at::kLong)));
}

TEST(MultiScaleRoIAlign, SingleLevelIsPlainRoIAlign) {
  MultiScaleRoIAlignOptions o;
  o.featmap_names = {"feat"};
  o.sampling_ratio = 2;
  MultiScaleRoIAlign pooler(o);
  const at::Tensor f = at::randn({1, 3, 16, 16});
  const at::Tensor boxes = at::tensor({4.f, 4.f, 40.f, 50.f}).view({1, 4});
  const at::Tensor y = pooler.forward({{"other", at::zeros({1, 3, 8, 8})}, {"feat", f}}, {boxes}, {{64, 64}});
  ASSERT_EQ(pooler.scales().size(), 1u);
  EXPECT_EQ(pooler.scales()[0], 0.25);
  RoIAlignParams p;
  p.spatial_scale = 0.25;
  p.sampling_ratio = 2;
  EXPECT_TRUE(at::equal(y, roi_align_boxes(f, {boxes}, p)));
}

TEST(MultiScaleRoIAlign, GradientsReachEveryLevel) {
  MultiScaleRoIAlignOptions o;
  o.featmap_names = {"0", "1"};
  o.output_height = o.output_width = 3;
  MultiScaleRoIAlign pooler(o);
  const at::Tensor f0 = at::randn({1, 2, 32, 32}).requires_grad_(true); // stride 4 -> level 2
  const at::Tensor f1 = at::randn({1, 2, 16, 16}).requires_grad_(true); // stride 8 -> level 3
  // 40 px maps to level 2 (clamped k_min), 240 px to level 4 (clamped to k_max 3).
  const at::Tensor boxes = at::tensor({2.f, 2.f, 42.f, 42.f, 10.f, 10.f, 250.f, 250.f}).view({2, 4});
  const at::Tensor y = pooler.forward({{"0", f0}, {"1", f1}}, {boxes}, {{128, 128}});
  const at::Tensor g = at::randn(y.sizes());
  y.backward(g);
  RoIAlignParams p;
  p.pooled_height = p.pooled_width = 3;
  p.sampling_ratio = 2;
  p.spatial_scale = 0.25;
  const at::Tensor rois = boxes_to_rois({boxes});
  EXPECT_TRUE(at::equal(f0.grad(), roi_align_backward(g.narrow(0, 0, 1), rois.narrow(0, 0, 1), p, 1, 2, 32, 32)));
  p.spatial_scale = 0.125;
  EXPECT_TRUE(at::equal(f1.grad(), roi_align_backward(g.narrow(0, 1, 1), rois.narrow(0, 1, 1), p, 1, 2, 16, 16)));
}

TEST(MultiScaleRoIAlign, MatchesTorchvision) {
  const test::OracleData o("multiscale", 9);
  MultiScaleRoIAlignOptions opts;
  opts.featmap_names = {"0", "1", "2", "3"};
  opts.sampling_ratio = 2;
  MultiScaleRoIAlign pooler(opts);
  std::vector<NamedFeature> feats;
  for (const std::string name : {"0", "1", "2", "3", "pool"}) {
    feats.emplace_back(name, o.at("feat/" + name));
  }
  const std::vector<at::Tensor> boxes = {o.at("boxes", 0), o.at("boxes", 1)};
  const at::Tensor y = pooler.forward(feats, boxes, {{256, 320}, {236, 290}});
  EXPECT_TRUE(at::equal(at::tensor(pooler.scales(), at::kDouble), o.at("scales")));
  // The RoIs land on several levels, so the level mapping is exercised too.
  EXPECT_GE(std::get<0>(at::_unique2(o.at("levels"))).numel(), 3);
  EXPECT_EQ(test::max_abs_diff(y, o.at("output")), 0.0);
}

} // namespace
} // namespace polytrain::ops
