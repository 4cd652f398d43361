#include "core/ops/boxes.h"

#include "oracle_support.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <stdexcept>

namespace polytrain::ops {
namespace {

at::Tensor longs(std::vector<int64_t> v) {
  return at::tensor(v, at::kLong);
}
at::Tensor floats(std::vector<float> v, int64_t cols = 4) {
  return at::tensor(v, at::kFloat).view({-1, cols});
}

TEST(BoxOps, HandComputedAreaIouClipRemoveSmall) {
  const at::Tensor a = floats({0, 0, 10, 10, 5, 5, 15, 15});
  const at::Tensor b = floats({0, 0, 10, 10, 10, 10, 20, 20, 0, 0, 5, 20});
  EXPECT_TRUE(at::equal(box_area(a), at::tensor({100.f, 100.f})));
  const at::Tensor iou = box_iou(a, b);
  ASSERT_EQ(iou.sizes(), (at::IntArrayRef{2, 3}));
  EXPECT_FLOAT_EQ(iou[0][0].item<float>(), 1.0f);
  EXPECT_FLOAT_EQ(iou[0][1].item<float>(), 0.0f);         // touching corners
  EXPECT_FLOAT_EQ(iou[0][2].item<float>(), 50.f / 150.f); // 5x10 inside, union 100 + 100 - 50
  EXPECT_FLOAT_EQ(iou[1][0].item<float>(), 25.f / 175.f); // 5x5 overlap
  EXPECT_FLOAT_EQ(iou[1][1].item<float>(), 25.f / 175.f);

  const at::Tensor clipped = clip_boxes_to_image(floats({-5, -5, 50, 50, 10, 20, 30, 40}), 30, 40);
  EXPECT_TRUE(at::equal(clipped, floats({0, 0, 40, 30, 10, 20, 30, 30})));

  const at::Tensor keep = remove_small_boxes(floats({0, 0, 1, 5, 0, 0, 2, 2, 0, 0, 3, 1.9f}), 2.0);
  EXPECT_TRUE(at::equal(keep, longs({1})));
}

TEST(BoxOps, HandComputedBoxConvert) {
  const at::Tensor xyxy = floats({1, 2, 5, 10});
  EXPECT_TRUE(at::equal(box_convert(xyxy, "xyxy", "xywh"), floats({1, 2, 4, 8})));
  EXPECT_TRUE(at::equal(box_convert(xyxy, "xyxy", "cxcywh"), floats({3, 6, 4, 8})));
  EXPECT_TRUE(at::equal(box_convert(floats({3, 6, 4, 8}), "cxcywh", "xywh"), floats({1, 2, 4, 8})));
  EXPECT_THROW(box_convert(xyxy, "xyxy", "yxyx"), c10::Error);
}

TEST(Nms, HandComputedGreedySuppressionAndTies) {
  // Box 1 overlaps box 0 with IoU 0.9 (suppressed at 0.5); box 2 is far away; boxes 3 and 4 are identical with
  // equal scores: the first in input order wins.
  const at::Tensor boxes = floats({0, 0, 10, 10, 0, 0, 10, 9, 50, 50, 60, 60, 20, 20, 30, 30, 20, 20, 30, 30});
  const at::Tensor scores = at::tensor({0.9f, 0.95f, 0.3f, 0.5f, 0.5f});
  EXPECT_TRUE(at::equal(nms(boxes, scores, 0.5), longs({1, 3, 2})));
  EXPECT_TRUE(at::equal(nms(boxes, scores, 0.95), longs({1, 0, 3, 2}))); // IoU 0.9 kept, duplicates (IoU 1) not
  EXPECT_EQ(nms(floats({}), at::empty({0}), 0.5).numel(), 0);
  EXPECT_THROW(nms(boxes, scores.narrow(0, 0, 3), 0.5), c10::Error);
}

TEST(Nms, HandComputedBatchedKeepsCategoriesApart) {
  const at::Tensor boxes = floats({0, 0, 10, 10, 0, 0, 10, 10, 1, 1, 10, 10});
  const at::Tensor scores = at::tensor({0.9f, 0.8f, 0.7f});
  EXPECT_TRUE(at::equal(batched_nms(boxes, scores, longs({0, 1, 0}), 0.5), longs({0, 1})));
  EXPECT_TRUE(at::equal(batched_nms(boxes, scores, longs({0, 1, 2}), 0.5), longs({0, 1, 2})));
}

TEST(BoxOps, MatchTorchvision) {
  const test::OracleData o("boxes", 11);
  EXPECT_TRUE(at::equal(box_area(o.at("b1")), o.at("area")));
  EXPECT_LE(test::max_abs_diff(box_iou(o.at("b1"), o.at("b2")), o.at("iou")), 0.0);
  EXPECT_LE(test::max_abs_diff(box_iou(o.at("b1d"), o.at("b2").to(at::kDouble)), o.at("iou_d")), 0.0);
  EXPECT_TRUE(at::equal(clip_boxes_to_image(o.at("wild"), 60, 80), o.at("clipped")));
  EXPECT_TRUE(at::equal(remove_small_boxes(o.at("small"), 2.5), o.at("keep_small")));
  for (const std::string fmt : {"xywh", "cxcywh"}) {
    EXPECT_LE(test::max_abs_diff(box_convert(o.at("b1"), "xyxy", fmt), o.at("to_" + fmt)), 0.0) << fmt;
    EXPECT_LE(test::max_abs_diff(box_convert(o.at("b1"), fmt, "xyxy"), o.at("from_" + fmt)), 0.0) << fmt;
  }
}

TEST(Nms, MatchesTorchvisionKeepLists) {
  for (const int seed : {1, 2}) {
    const test::OracleData o("nms", seed);
    ASSERT_GE(o.count(), 8);
    for (int64_t i = 0; i < o.count(); ++i) {
      const at::Tensor keep = nms(o.at("boxes", i), o.at("scores", i), o.at("thr", i).item<double>());
      EXPECT_TRUE(at::equal(keep, o.at("keep", i))) << "seed " << seed << " set " << i << ": " << keep.numel()
                                                    << " kept, torchvision " << o.at("keep", i).numel();
    }
  }
}

TEST(Nms, BatchedMatchesTorchvisionBothStrategies) {
  const test::OracleData o("batched_nms", 3);
  ASSERT_GE(o.count(), 5);
  for (int64_t i = 0; i < o.count(); ++i) {
    const at::Tensor keep =
        batched_nms(o.at("boxes", i), o.at("scores", i), o.at("idxs", i), o.at("thr", i).item<double>());
    EXPECT_TRUE(at::equal(keep, o.at("keep", i))) << "set " << i << " with " << o.at("boxes", i).size(0) << " boxes";
  }
}

TEST(Oracle, FailsLoudlyWhenTorchvisionCannotAnswer) {
  // The parity tests must fail, never skip, when the oracle cannot run: an unknown case makes the script exit 1.
  EXPECT_THROW(test::OracleData("no_such_case", 1), std::runtime_error);
}

} // namespace
} // namespace polytrain::ops
