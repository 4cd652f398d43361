#include "core/ops/roi_align.h"

#include "oracle_support.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <gtest/gtest.h>

namespace polytrain::ops {
namespace {

using test::ThreadCount;

// f(x, y) = x + 10 y sampled at pixel centres (pixel (i, j) has centre (j, i) in torchvision's convention).
at::Tensor linear_image(int64_t h, int64_t w, at::ScalarType dtype = at::kDouble) {
  const at::Tensor ys = at::arange(h, at::TensorOptions().dtype(dtype)).view({h, 1});
  const at::Tensor xs = at::arange(w, at::TensorOptions().dtype(dtype)).view({1, w});
  return (xs + 10 * ys).view({1, 1, h, w});
}

TEST(RoIAlign, HandComputedLinearImageAligned) {
  // Bilinear interpolation reproduces a linear function, so each bin is f at the bin centre.
  const at::Tensor x = linear_image(8, 8);
  const at::Tensor rois = at::tensor({0.0, 1.5, 2.0, 5.5, 6.0}, at::kDouble).view({1, 5});
  RoIAlignParams p;
  p.pooled_height = 2;
  p.pooled_width = 2;
  p.sampling_ratio = 2;
  p.aligned = true;
  const at::Tensor y = roi_align(x, rois, p);
  const at::Tensor expected = at::tensor({27.0, 29.0, 47.0, 49.0}, at::kDouble).view({1, 1, 2, 2});
  EXPECT_TRUE(at::allclose(y, expected, 0, 1e-12)) << y;

  // Not aligned: no half-pixel shift, so the same RoI moves by +0.5 in x and y.
  p.aligned = false;
  const at::Tensor y2 = roi_align(x, rois, p);
  EXPECT_TRUE(at::allclose(y2, expected + 5.5, 0, 1e-12)) << y2;
}

TEST(RoIAlign, HandComputedOutsideSamplesAreZeroAndEmptyRoisWork) {
  const at::Tensor x = at::ones({1, 2, 4, 4});
  // Entirely left of the map (x < -1 for every sample): zeros.
  const at::Tensor rois = at::tensor({0.f, -20.f, 0.f, -10.f, 3.f}).view({1, 5});
  RoIAlignParams p;
  p.pooled_height = 3;
  p.pooled_width = 3;
  EXPECT_EQ(roi_align(x, rois, p).abs().sum().item<float>(), 0.f);
  const at::Tensor none = roi_align(x, at::zeros({0, 5}), p);
  EXPECT_EQ(none.sizes(), (at::IntArrayRef{0, 2, 3, 3}));
  EXPECT_THROW(roi_align(x, at::tensor({1.f, 0.f, 0.f, 2.f, 2.f}).view({1, 5}), p), c10::Error); // bad batch index
  EXPECT_THROW(roi_align(x, at::zeros({1, 5}, at::kDouble), p), c10::Error);                     // dtype mismatch
}

TEST(RoIAlign, BackwardIsTheAdjointOfForward) {
  // roi_align is linear in the input, so <A x, g> == <x, A^T g> for the gradient A^T g.
  const at::Tensor x = at::randn({2, 3, 11, 9}, at::kDouble);
  const at::Tensor rois =
      at::tensor({0.0, -2.0, 1.0, 7.5, 6.0, 1.0, 3.0, 3.0, 12.0, 14.0, 1.0, 4.0, 4.0, 4.2, 4.1}, at::kDouble)
          .view({3, 5});
  for (const bool aligned : {false, true}) {
    for (const int64_t sr : {-1, 2, 3}) {
      RoIAlignParams p;
      p.pooled_height = 4;
      p.pooled_width = 3;
      p.sampling_ratio = sr;
      p.aligned = aligned;
      const at::Tensor xg = x.clone().requires_grad_(true);
      const at::Tensor y = roi_align(xg, rois, p);
      const at::Tensor g = at::randn(y.sizes(), at::kDouble);
      y.backward(g);
      const double lhs = (y.detach() * g).sum().item<double>();
      const double rhs = (x * xg.grad()).sum().item<double>();
      EXPECT_NEAR(lhs, rhs, 1e-9 * (1 + std::abs(lhs))) << "aligned " << aligned << " sampling " << sr;
    }
  }
}

TEST(RoIAlign, ResultsDoNotDependOnThreadCount) {
  const at::Tensor x = at::randn({2, 67, 20, 20});
  const at::Tensor boxes = at::rand({50, 4}) * 20;
  const at::Tensor rois =
      at::cat({at::randint(0, 2, {50, 1}).to(at::kFloat), at::min(boxes.narrow(1, 0, 2), boxes.narrow(1, 2, 2)),
               at::max(boxes.narrow(1, 0, 2), boxes.narrow(1, 2, 2))},
              1);
  RoIAlignParams p;
  p.sampling_ratio = 2;
  p.spatial_scale = 0.9;
  const at::Tensor g = at::randn({50, 67, 7, 7});
  at::Tensor y1, y2, g1, g2;
  {
    const ThreadCount t(1);
    y1 = roi_align_forward(x, rois, p);
    g1 = roi_align_backward(g, rois, p, 2, 67, 20, 20);
  }
  {
    const ThreadCount t(2);
    y2 = roi_align_forward(x, rois, p);
    g2 = roi_align_backward(g, rois, p, 2, 67, 20, 20);
  }
  EXPECT_TRUE(at::equal(y1, y2));
  EXPECT_TRUE(at::equal(g1, g2));
}

TEST(RoIAlign, ListOfBoxesFormMatchesRoisForm) {
  const at::Tensor x = at::randn({2, 4, 10, 10});
  const std::vector<at::Tensor> boxes = {at::tensor({1.f, 1.f, 6.f, 7.f}).view({1, 4}),
                                         at::tensor({0.f, 2.f, 9.f, 9.f, 3.f, 3.f, 4.f, 4.f}).view({2, 4})};
  const at::Tensor rois = boxes_to_rois(boxes);
  EXPECT_TRUE(at::equal(rois.select(1, 0), at::tensor({0.f, 1.f, 1.f})));
  RoIAlignParams p;
  EXPECT_TRUE(at::equal(roi_align_boxes(x, boxes, p), roi_align(x, rois, p)));
}

TEST(RoIAlign, ForwardAndBackwardMatchTorchvision) {
  const test::OracleData o("roi_align", 5);
  ASSERT_GE(o.count(), 7);
  for (int64_t i = 0; i < o.count(); ++i) {
    const at::Tensor pr = o.at("params", i);
    RoIAlignParams p;
    p.pooled_height = pr[0].item<int64_t>();
    p.pooled_width = pr[1].item<int64_t>();
    p.sampling_ratio = pr[2].item<int64_t>();
    p.aligned = pr[3].item<int64_t>() != 0;
    p.spatial_scale = o.at("scale", i).item<double>();
    for (const int threads : {1, 2}) {
      const ThreadCount t(threads);
      const at::Tensor x = o.at("input", i).clone().requires_grad_(true);
      const at::Tensor y = roi_align(x, o.at("rois", i), p);
      y.backward(o.at("grad_output", i));
      // Same arithmetic in the same order as torchvision's CPU kernel: the results agree to the last bit.
      EXPECT_EQ(test::max_abs_diff(y, o.at("output", i)), 0.0) << "config " << i << ", " << threads << " threads";
      EXPECT_EQ(test::max_abs_diff(x.grad(), o.at("grad_input", i)), 0.0)
          << "config " << i << ", " << threads << " threads";
    }
  }
}

} // namespace
} // namespace polytrain::ops
