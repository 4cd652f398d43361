#include "core/ops/paste_masks.h"

#include "oracle_support.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

namespace polytrain::ops {
namespace {

TEST(PasteMasks, HandComputedConstantMaskFillsItsBox) {
  // A constant mask pastes as that constant over the (expanded, integer) box; padding adds a zero border that the
  // expansion maps outside the original box.
  const at::Tensor masks = at::ones({1, 1, 4, 4});
  const at::Tensor boxes = at::tensor({2.f, 3.f, 9.f, 7.f}).view({1, 4});
  const at::Tensor out = paste_masks_in_image(masks, boxes, 12, 14, /*padding=*/0);
  ASSERT_EQ(out.sizes(), (at::IntArrayRef{1, 1, 12, 14}));
  EXPECT_EQ(out.sum().item<float>(), 8.f * 5.f); // x 2..9, y 3..7 inclusive
  EXPECT_EQ(out[0][0][3][2].item<float>(), 1.f);
  EXPECT_EQ(out[0][0][2][2].item<float>(), 0.f);
  EXPECT_EQ(paste_masks_in_image(masks.narrow(0, 0, 0), boxes.narrow(0, 0, 0), 12, 14).sizes(),
            (at::IntArrayRef{0, 1, 12, 14}));
}

TEST(PasteMasks, MatchesTorchvision) {
  const test::OracleData o("paste_masks", 6);
  const at::Tensor out = paste_masks_in_image(o.at("masks"), o.at("boxes"), 80, 100, 1);
  EXPECT_EQ(test::max_abs_diff(out, o.at("pasted")), 0.0);
  EXPECT_EQ(o.at("pasted_empty").sizes(), (at::IntArrayRef{0, 1, 80, 100}));
}

} // namespace
} // namespace polytrain::ops
